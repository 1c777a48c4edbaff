/*
** The few declarations of SQLite's C API (sqlite3.h) and of FTS5's
** extension API (fts5.h) that search_rank.c needs. SQLite itself is the
** copy github.com/mattn/go-sqlite3 compiles into the program; its header
** is not on this package's include path, so the declarations are repeated
** here, exactly as SQLite publishes them (public domain). Only members up
** to those used are relied on: FTS5 adds new ones at the ends of these
** structures.
*/
#ifndef ANNALS_SEARCH_RANK_H
#define ANNALS_SEARCH_RANK_H

typedef long long int sqlite3_int64;
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct sqlite3_context sqlite3_context;
typedef struct sqlite3_value sqlite3_value;
typedef struct sqlite3_api_routines sqlite3_api_routines;

#define SQLITE_OK 0
#define SQLITE_NOMEM 7
#define SQLITE_ROW 100

int sqlite3_auto_extension(void (*xEntryPoint)(void));
int sqlite3_busy_timeout(sqlite3 *, int ms);
int sqlite3_prepare_v2(sqlite3 *db, const char *zSql, int nByte, sqlite3_stmt **ppStmt, const char **pzTail);
int sqlite3_bind_pointer(sqlite3_stmt *, int, void *, const char *, void (*)(void *));
int sqlite3_step(sqlite3_stmt *);
int sqlite3_finalize(sqlite3_stmt *);
void *sqlite3_malloc64(unsigned long long);
void sqlite3_free(void *);
double sqlite3_value_double(sqlite3_value *);
sqlite3_int64 sqlite3_value_int64(sqlite3_value *);
void sqlite3_result_double(sqlite3_context *, double);
void sqlite3_result_error(sqlite3_context *, const char *, int);
void sqlite3_result_error_code(sqlite3_context *, int);
const void *sqlite3_column_blob(sqlite3_stmt *, int iCol);
int sqlite3_column_bytes(sqlite3_stmt *, int iCol);
sqlite3_int64 sqlite3_column_int64(sqlite3_stmt *, int iCol);
int sqlite3_get_autocommit(sqlite3 *);

typedef struct Fts5ExtensionApi Fts5ExtensionApi;
typedef struct Fts5Context Fts5Context;
typedef struct Fts5PhraseIter Fts5PhraseIter;

typedef void (*fts5_extension_function)(
    const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx,
    int nVal, sqlite3_value **apVal);

struct Fts5PhraseIter {
  const unsigned char *a;
  const unsigned char *b;
};

struct Fts5ExtensionApi {
  int iVersion;
  void *(*xUserData)(Fts5Context *);
  int (*xColumnCount)(Fts5Context *);
  int (*xRowCount)(Fts5Context *, sqlite3_int64 *pnRow);
  int (*xColumnTotalSize)(Fts5Context *, int iCol, sqlite3_int64 *pnToken);
  int (*xTokenize)(Fts5Context *, const char *pText, int nText, void *pCtx,
                   int (*xToken)(void *, int, const char *, int, int, int));
  int (*xPhraseCount)(Fts5Context *);
  int (*xPhraseSize)(Fts5Context *, int iPhrase);
  int (*xInstCount)(Fts5Context *, int *pnInst);
  int (*xInst)(Fts5Context *, int iIdx, int *piPhrase, int *piCol, int *piOff);
  sqlite3_int64 (*xRowid)(Fts5Context *);
  int (*xColumnText)(Fts5Context *, int iCol, const char **pz, int *pn);
  int (*xColumnSize)(Fts5Context *, int iCol, int *pnToken);
  int (*xQueryPhrase)(Fts5Context *, int iPhrase, void *pUserData,
                      int (*)(const Fts5ExtensionApi *, Fts5Context *, void *));
  int (*xSetAuxdata)(Fts5Context *, void *pAux, void (*xDelete)(void *));
  void *(*xGetAuxdata)(Fts5Context *, int bClear);
  int (*xPhraseFirst)(Fts5Context *, int iPhrase, Fts5PhraseIter *, int *, int *);
  void (*xPhraseNext)(Fts5Context *, Fts5PhraseIter *, int *piCol, int *piOff);
  int (*xPhraseFirstColumn)(Fts5Context *, int iPhrase, Fts5PhraseIter *, int *);
  void (*xPhraseNextColumn)(Fts5Context *, Fts5PhraseIter *, int *piCol);
  /* iVersion >= 3 */
  int (*xQueryToken)(Fts5Context *, int iPhrase, int iToken, const char **ppToken, int *pnToken);
  /* later members are not used */
};

typedef struct fts5_api fts5_api;
struct fts5_api {
  int iVersion;
  void *xCreateTokenizer; /* not used */
  void *xFindTokenizer;   /* not used */
  int (*xCreateFunction)(fts5_api *pApi, const char *zName, void *pUserData,
                         fts5_extension_function xFunction, void (*xDestroy)(void *));
  /* later members are not used */
};

/* Registers annals_rank with FTS5 on every connection opened from now on. */
int annals_register_rank(void);

/* How many lengths a query looks up one by one before reading them all. */
extern int annals_rank_load_after;

#endif
