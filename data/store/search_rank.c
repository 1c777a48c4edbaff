/*
** annals_rank(fts, limit, wholeWords, w0, w1, ...): FTS5's bm25(fts, w0,
** w1, ...), the same score to the last bit, for a query that keeps only
** its best limit rows (ORDER BY score, rowid DESC LIMIT limit), without
** the parts of bm25 that cost most (issue 19). wholeWords is 1 when every
** phrase of the query is whole words, with no prefix and no column filter
** (its row count is then the same in any query and may be kept).
**
** bm25 reads every matching row's length in tokens, D, from the index's
** docsize table: a statement run per row, about half of ranking a common
** word's 20,000 matches at 100,000 articles. The score only falls as D
** grows, and D is at least the position after the last match in each
** column, which the row's matches (read anyway for the frequencies) give
** for free. So each row is first scored with that least D, an upper bound
** of its score; a row whose bound is below the limit-th best score seen so
** far cannot be in the result and returns +1 (bm25's scores are below 0, so
** it sorts after every scored row) without its D being read. Every other
** row gets bm25's exact score, computed as bm25 computes it.
**
** Better still, each connection keeps every row's length in memory
** (RankConn), read from the docsize table by the first query with many
** matches (annals_rank_load_after), and again by the first such query
** after the index changed (FTS5 rewrites its structure record, the row of
** id 10 in articles_fts_data, with every change it commits): a row's
** exact score then costs no lookup at all. The kept lengths are used
** only when they total the row and token counts FTS5 itself gives for the
** query, and outside explicit transactions (whose uncommitted rows FTS5
** sees but the structure record does not show yet). Under the same
** structure it keeps how many rows each phrase of whole words matches,
** which bm25 counts for its IDF with a walk of the phrase's whole list
** every query.
**
** The arithmetic is bm25's, in the same order, so the scores are equal;
** and every operation in it is monotonic in D, so the bound is never
** below the score, in floating point too. A bound equal to the threshold
** is scored: a tie is decided by the row id.
*/
#include <math.h>
#include <string.h>

#include "search_rank.h"

/* The length in tokens of every row of articles_fts, by rowid; 0 for
** none. Shared by the queries that use it, freed by the last. */
typedef struct RankSizes RankSizes;
struct RankSizes {
  int nRef;
  sqlite3_int64 nSize;  /* entries in a[] */
  sqlite3_int64 nRow;   /* rows counted */
  sqlite3_int64 nToken; /* their tokens */
  int a[1];
};

static void rankSizesUnref(RankSizes *p) {
  if (p && --p->nRef == 0) sqlite3_free(p);
}

/* How many rows a phrase of whole words matches, for its IDF. */
typedef struct RankCount RankCount;
struct RankCount {
  char *zKey; /* the phrase's tokens, each followed by a 0 byte */
  int nKey;
  sqlite3_int64 nHit;
};

#define RANK_MAX_COUNTS 1024

/* What a connection keeps between queries, and the index structure it
** was read under: the lengths and the phrases' counts. */
typedef struct RankConn RankConn;
struct RankConn {
  sqlite3 *db;
  unsigned char *aStruct;
  int nStruct;
  int bLoaded;  /* the lengths were read (or found unusable) under aStruct */
  RankSizes *pSizes;
  RankCount aCount[RANK_MAX_COUNTS];
  int nCount;
};

static void rankClearCounts(RankConn *c) {
  int i;
  for (i = 0; i < c->nCount; i++) sqlite3_free(c->aCount[i].zKey);
  c->nCount = 0;
}

static void rankConnFree(void *pArg) {
  RankConn *c = (RankConn *)pArg;
  rankSizesUnref(c->pSizes);
  rankClearCounts(c);
  sqlite3_free(c->aStruct);
  sqlite3_free(c);
}

/* rankVarint reads one of SQLite's varints (as FTS5 writes the sizes) of
** at most 32 bits; 0 when a is too short or the value too large. */
static int rankVarint(const unsigned char *a, int n, int *pOff, int *pv) {
  unsigned int v = 0;
  int i;
  for (i = 0; i < 5; i++) {
    unsigned char c;
    if (*pOff >= n) return 0;
    c = a[(*pOff)++];
    v = (v << 7) | (c & 0x7f);
    if (!(c & 0x80)) {
      if (v > 0x7fffffff) return 0;
      *pv = (int)v;
      return 1;
    }
  }
  return 0;
}

/* rankLoadSizes reads every row's length from the docsize table. */
static RankSizes *rankLoadSizes(sqlite3 *db, int nCol) {
  sqlite3_stmt *pStmt = 0;
  RankSizes *p = 0;
  sqlite3_int64 nMax = 0, nCount = 0;
  if (sqlite3_prepare_v2(db, "SELECT max(id), count(*) FROM main.'articles_fts_docsize'", -1, &pStmt, 0) != SQLITE_OK) {
    return 0;
  }
  if (sqlite3_step(pStmt) == SQLITE_ROW) {
    nMax = sqlite3_column_int64(pStmt, 0);
    nCount = sqlite3_column_int64(pStmt, 1);
  }
  sqlite3_finalize(pStmt);
  /* Ids far sparser than the rows would waste memory: none kept then. */
  if (nCount == 0 || nMax < 0 || nMax > 4 * nCount + 1000000) return 0;
  p = (RankSizes *)sqlite3_malloc64(sizeof(RankSizes) + sizeof(int) * (unsigned long long)nMax);
  if (p == 0) return 0;
  memset(p, 0, sizeof(RankSizes) + sizeof(int) * (size_t)nMax);
  p->nRef = 1;
  p->nSize = nMax + 1;
  if (sqlite3_prepare_v2(db, "SELECT id, sz FROM main.'articles_fts_docsize'", -1, &pStmt, 0) != SQLITE_OK) {
    sqlite3_free(p);
    return 0;
  }
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(pStmt, 0);
    const unsigned char *a = (const unsigned char *)sqlite3_column_blob(pStmt, 1);
    int n = sqlite3_column_bytes(pStmt, 1);
    int off = 0, i, v, total = 0;
    for (i = 0; i < nCol; i++) {
      if (!rankVarint(a, n, &off, &v)) break;
      total += v;
    }
    if (i < nCol || off != n || id < 0 || id >= p->nSize) {
      /* Not the docsize rows this function knows: keep nothing. */
      sqlite3_finalize(pStmt);
      sqlite3_free(p);
      return 0;
    }
    p->a[id] = total;
    p->nRow++;
    p->nToken += total;
  }
  sqlite3_finalize(pStmt);
  return p;
}

/* rankCheck tells whether what c keeps may serve this query: outside an
** explicit transaction, with the index structure it was read under; when
** the structure changed it forgets the counts and the lengths (which
** rankUseSizes reads again when a query needs them). */
static int rankCheck(RankConn *c, int nCol) {
  sqlite3_stmt *pStmt = 0;
  const unsigned char *a;
  int n;
  if (c == 0 || !sqlite3_get_autocommit(c->db)) return 0;
  if (sqlite3_prepare_v2(c->db, "SELECT block FROM main.'articles_fts_data' WHERE id = 10", -1, &pStmt, 0) != SQLITE_OK) {
    return 0;
  }
  if (sqlite3_step(pStmt) != SQLITE_ROW) {
    sqlite3_finalize(pStmt);
    return 0;
  }
  a = (const unsigned char *)sqlite3_column_blob(pStmt, 0);
  n = sqlite3_column_bytes(pStmt, 0);
  if (!c->bLoaded || n != c->nStruct || (n > 0 && memcmp(a, c->aStruct, (size_t)n) != 0)) {
    unsigned char *copy = (unsigned char *)sqlite3_malloc64((unsigned long long)n + 1);
    rankSizesUnref(c->pSizes);
    c->pSizes = 0;
    rankClearCounts(c);
    sqlite3_free(c->aStruct);
    c->aStruct = 0;
    c->nStruct = 0;
    c->bLoaded = 0;
    if (copy == 0) {
      sqlite3_finalize(pStmt);
      return 0;
    }
    if (n > 0) memcpy(copy, a, (size_t)n);
    c->aStruct = copy;
    c->nStruct = n;
  }
  sqlite3_finalize(pStmt);
  (void)nCol;
  return 1;
}

/* The lengths are read only for a query that has looked this many up one
** by one: reading them all takes ~15 ms at 100,000 articles, the cost of
** some 40,000 lookups, which a rare word's query never comes near; a
** common word's passes it within its first tenth. A variable for the
** tests. */
int annals_rank_load_after = 2000;

/* rankPhraseKey writes phrase i's tokens, each followed by a 0 byte, to
** z (n bytes at most); returns the length, or -1 when it does not fit. */
static int rankPhraseKey(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int i, char *z, int n) {
  int j, nTok = pApi->xPhraseSize(pFts, i), len = 0;
  if (pApi->iVersion < 3) return -1;
  for (j = 0; j < nTok; j++) {
    const char *t = 0;
    int nt = 0;
    if (pApi->xQueryToken(pFts, i, j, &t, &nt) != SQLITE_OK || len + nt + 1 > n) return -1;
    memcpy(&z[len], t, (size_t)nt);
    len += nt;
    z[len++] = 0;
  }
  return len;
}

typedef struct RankData RankData;
struct RankData {
  int nPhrase;
  int nCol;
  double avgdl;
  double *aIDF;    /* IDF of each phrase (as bm25) */
  double *aFreq;   /* weighted frequency of each phrase in the current row */
  double *aWeight; /* weight of each column */
  int *aEnd;       /* per column: 1 + the position of the row's last match */
  int limit;       /* how many best rows the query keeps; 0: no bound */
  int nHeap;
  double *aHeap;   /* the best scores so far (positive), a min-heap */
  sqlite3_int64 iLastRowid;
  int bSeen;       /* iLastRowid was scored already */
  RankSizes *pSizes; /* every row's length, or 0 */
  RankConn *pConn;   /* where to read them when this query needs them, or 0 */
  sqlite3_int64 nRow, nToken; /* FTS5's counts, which the lengths must total */
  int nLookup;       /* lengths looked up one by one so far */
};

/* rankAttach gives p the connection's lengths when they are this index's:
** the same rows and tokens as FTS5 counts. */
static void rankAttach(RankData *p, RankConn *c) {
  if (c && c->pSizes && c->pSizes->nRow == p->nRow && c->pSizes->nToken == p->nToken) {
    p->pSizes = c->pSizes;
    p->pSizes->nRef++;
  }
}

/* rankUseSizes reads every row's length for the rest of p's query (see
** annals_rank_load_after), once per index structure and connection. */
static void rankUseSizes(RankData *p) {
  RankConn *c = p->pConn;
  p->pConn = 0;
  if (!rankCheck(c, p->nCol)) return;
  if (!c->bLoaded) {
    c->pSizes = rankLoadSizes(c->db, p->nCol);
    c->bLoaded = 1;
  }
  rankAttach(p, c);
}

static void rankDataFree(void *pArg) {
  RankData *p = (RankData *)pArg;
  rankSizesUnref(p->pSizes);
  sqlite3_free(p);
}

static int rankCountCb(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pUserData) {
  (void)pApi;
  (void)pFts;
  (*(sqlite3_int64 *)pUserData)++;
  return SQLITE_OK;
}

/* rankHits is how many rows phrase i matches (bm25 counts them with
** xQueryPhrase, a walk of the phrase's whole list: about a millisecond for
** a common word at 100,000 articles), kept by the connection when the
** query's phrases are whole words (a prefix phrase gives the same tokens
** as its word, so its count is never kept). */
static int rankHits(const Fts5ExtensionApi *pApi, Fts5Context *pFts, RankConn *c, int i, sqlite3_int64 *pnHit) {
  char zKey[512];
  int nKey = c ? rankPhraseKey(pApi, pFts, i, zKey, (int)sizeof(zKey)) : -1;
  int k, rc;
  if (nKey > 0) {
    for (k = 0; k < c->nCount; k++) {
      if (c->aCount[k].nKey == nKey && memcmp(c->aCount[k].zKey, zKey, (size_t)nKey) == 0) {
        *pnHit = c->aCount[k].nHit;
        return SQLITE_OK;
      }
    }
  }
  *pnHit = 0;
  rc = pApi->xQueryPhrase(pFts, i, (void *)pnHit, rankCountCb);
  if (rc == SQLITE_OK && nKey > 0) {
    char *z = (char *)sqlite3_malloc64((unsigned long long)nKey);
    if (z) {
      if (c->nCount == RANK_MAX_COUNTS) rankClearCounts(c);
      memcpy(z, zKey, (size_t)nKey);
      c->aCount[c->nCount].zKey = z;
      c->aCount[c->nCount].nKey = nKey;
      c->aCount[c->nCount].nHit = *pnHit;
      c->nCount++;
    }
  }
  return rc;
}

/* rankGetData is fts5Bm25GetData with the bound's state beside it. The
** arguments: limit, wholeWords (1 when no phrase is a prefix), then the
** columns' weights. */
static int rankGetData(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int nVal,
                       sqlite3_value **apVal, RankData **ppData) {
  int rc = SQLITE_OK;
  RankData *p = (RankData *)pApi->xGetAuxdata(pFts, 0);
  if (p == 0) {
    int nPhrase = pApi->xPhraseCount(pFts);
    int nCol = pApi->xColumnCount(pFts);
    int limit = nVal > 0 ? (int)sqlite3_value_int64(apVal[0]) : 0;
    int wholeWords = nVal > 1 ? (int)sqlite3_value_int64(apVal[1]) : 0;
    RankConn *c = (RankConn *)pApi->xUserData(pFts);
    sqlite3_int64 nRow = 0, nToken = 0;
    sqlite3_int64 nByte;
    int i;
    if (!rankCheck(c, nCol)) c = 0;
    if (limit < 0) limit = 0;
    nByte = sizeof(RankData) + (sqlite3_int64)sizeof(double) * (2 * nPhrase + nCol + limit) +
            (sqlite3_int64)sizeof(int) * nCol;
    p = (RankData *)sqlite3_malloc64(nByte);
    if (p == 0) return SQLITE_NOMEM;
    memset(p, 0, (size_t)nByte);
    p->nPhrase = nPhrase;
    p->nCol = nCol;
    p->limit = limit;
    p->aIDF = (double *)&p[1];
    p->aFreq = &p->aIDF[nPhrase];
    p->aWeight = &p->aFreq[nPhrase];
    p->aHeap = &p->aWeight[nCol];
    p->aEnd = (int *)&p->aHeap[limit];
    for (i = 0; i < nCol; i++) {
      /* bm25 takes column i's weight from its argument i, 1.0 when
      ** missing; here the weights start after limit and wholeWords. */
      p->aWeight[i] = (nVal - 2 > i) ? sqlite3_value_double(apVal[2 + i]) : 1.0;
    }
    rc = pApi->xRowCount(pFts, &nRow);
    if (rc == SQLITE_OK) rc = pApi->xColumnTotalSize(pFts, -1, &nToken);
    if (rc == SQLITE_OK) p->avgdl = (double)nToken / (double)nRow;
    for (i = 0; rc == SQLITE_OK && i < nPhrase; i++) {
      sqlite3_int64 nHit = 0;
      rc = rankHits(pApi, pFts, wholeWords ? c : 0, i, &nHit);
      if (rc == SQLITE_OK) {
        double idf = log((nRow - nHit + 0.5) / (nHit + 0.5));
        if (idf <= 0.0) idf = 1e-6;
        p->aIDF[i] = idf;
      }
    }
    p->nRow = nRow;
    p->nToken = nToken;
    if (rc == SQLITE_OK && c) {
      if (c->bLoaded) {
        rankAttach(p, c);
      } else {
        p->pConn = c;
      }
    }
    if (rc != SQLITE_OK) {
      sqlite3_free(p);
      return rc;
    }
    rc = pApi->xSetAuxdata(pFts, p, rankDataFree);
    if (rc != SQLITE_OK) return rc;
  }
  *ppData = p;
  return SQLITE_OK;
}

/* rankScore is bm25's sum for a row of D tokens. */
static double rankScore(const RankData *p, double D) {
  const double k1 = 1.2;
  const double b = 0.75;
  double score = 0.0;
  int i;
  for (i = 0; i < p->nPhrase; i++) {
    score += p->aIDF[i] * ((p->aFreq[i] * (k1 + 1.0)) /
                           (p->aFreq[i] + k1 * (1 - b + b * D / p->avgdl)));
  }
  return score;
}

/* rankKeep adds score to the best scores when it is among them. */
static void rankKeep(RankData *p, double score) {
  double *h = p->aHeap;
  int i;
  if (p->nHeap < p->limit) {
    i = p->nHeap++;
    while (i > 0 && h[(i - 1) / 2] > score) {
      h[i] = h[(i - 1) / 2];
      i = (i - 1) / 2;
    }
    h[i] = score;
    return;
  }
  if (p->limit == 0 || score <= h[0]) return;
  i = 0;
  for (;;) {
    int c = 2 * i + 1;
    if (c >= p->nHeap) break;
    if (c + 1 < p->nHeap && h[c + 1] < h[c]) c++;
    if (h[c] >= score) break;
    h[i] = h[c];
    i = c;
  }
  h[i] = score;
}

static void rankFunction(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx,
                         int nVal, sqlite3_value **apVal) {
  RankData *p = 0;
  int nInst = 0, i, rc;
  sqlite3_int64 iRowid;
  int nTok = 0;
  double score, Dmin = 0.0;

  rc = rankGetData(pApi, pFts, nVal, apVal, &p);
  if (rc == SQLITE_OK) {
    memset(p->aFreq, 0, sizeof(double) * p->nPhrase);
    memset(p->aEnd, 0, sizeof(int) * p->nCol);
    rc = pApi->xInstCount(pFts, &nInst);
  }
  for (i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int ip, ic, io;
    rc = pApi->xInst(pFts, i, &ip, &ic, &io);
    if (rc == SQLITE_OK) {
      p->aFreq[ip] += (ic < p->nCol) ? p->aWeight[ic] : 1.0;
      if (ic >= 0 && ic < p->nCol && io + 1 > p->aEnd[ic]) p->aEnd[ic] = io + 1;
    }
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(pCtx, rc);
    return;
  }
  iRowid = pApi->xRowid(pFts);
  if (p->pConn && p->nLookup >= annals_rank_load_after) rankUseSizes(p);
  if (p->pSizes && iRowid >= 0 && iRowid < p->pSizes->nSize && p->pSizes->a[iRowid] > 0) {
    sqlite3_result_double(pCtx, -1.0 * rankScore(p, (double)p->pSizes->a[iRowid]));
    return;
  }
  if (p->limit > 0 && p->nHeap == p->limit) {
    for (i = 0; i < p->nCol; i++) Dmin += (double)p->aEnd[i];
    if (rankScore(p, Dmin) < p->aHeap[0]) {
      sqlite3_result_double(pCtx, 1.0);
      return;
    }
  }
  rc = pApi->xColumnSize(pFts, -1, &nTok);
  p->nLookup++;
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(pCtx, rc);
    return;
  }
  score = rankScore(p, (double)nTok);
  /* A row scored twice (the function named twice in a statement) counts
  ** once among the best, or the threshold would rise past rows that
  ** belong in the result. */
  if (!(p->bSeen && p->iLastRowid == iRowid)) rankKeep(p, score);
  p->iLastRowid = iRowid;
  p->bSeen = 1;
  sqlite3_result_double(pCtx, -1.0 * score);
}

static int rankInit(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pThunk) {
  fts5_api *pApi = 0;
  sqlite3_stmt *pStmt = 0;
  RankConn *c;
  (void)pzErrMsg;
  (void)pThunk;
  /* This runs inside sqlite3_open_v2, before the driver sets its busy
  ** timeout: without one, the statement below failed at once with
  ** SQLITE_BUSY while another connection was writing, and the new
  ** connection then failed its first read ("database is locked") and had
  ** no annals_rank. The driver sets its own timeout after this. */
  sqlite3_busy_timeout(db, 5000);
  /* FTS5 hands out its API through SELECT fts5(?1) (fts5.h). A build
  ** without FTS5 has no function to add. */
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &pStmt, 0) != SQLITE_OK) return SQLITE_OK;
  sqlite3_bind_pointer(pStmt, 1, (void *)&pApi, "fts5_api_ptr", 0);
  sqlite3_step(pStmt);
  sqlite3_finalize(pStmt);
  if (pApi == 0 || pApi->iVersion < 2) return SQLITE_OK;
  c = (RankConn *)sqlite3_malloc64(sizeof(RankConn));
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(RankConn));
  c->db = db;
  /* FTS5 calls rankConnFree when the connection closes. */
  return pApi->xCreateFunction(pApi, "annals_rank", c, rankFunction, rankConnFree);
}

int annals_register_rank(void) {
  return sqlite3_auto_extension((void (*)(void))rankInit);
}
