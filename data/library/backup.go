package library

import (
	"archive/zip"
	"compress/flate"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"annals/data/store"
	"annals/data/transfer"

	log "github.com/sirupsen/logrus"
)

// A backup is one .annals file: a zip holding manifest.json, annals.db (a
// consistent copy of the database made with SQLite's online backup API,
// so the library may stay in use meanwhile) and images/ (the offline image
// files, as they lie beside the database). Restore merges it into any
// library, empty or not, without doubling articles.

// BackupExt is the backup file's extension.
const BackupExt = ".annals"

// maxBackupSize bounds what a backup may expand to when restored.
const maxBackupSize = 64 << 30

const backupFormat = "annals-backup"

type backupManifest struct {
	Format   string    `json:"format"`
	Version  int       `json:"version"`
	Schema   int       `json:"schema"`
	Created  time.Time `json:"created"`
	Articles int       `json:"articles"`
	Images   int       `json:"images"`
	App      string    `json:"app,omitempty"`
}

// BackupInfo says what a backup holds.
type BackupInfo struct {
	Path     string
	Articles int
	Images   int
	Size     int64 // bytes of the .annals file
}

// Backup writes the whole library to out (a .annals file). The file
// appears only once complete.
func (l *Library) Backup(ctx context.Context, out string) (BackupInfo, error) {
	return l.backup(ctx, out, flate.DefaultCompression)
}

// backup writes the backup, compressing the database at level.
func (l *Library) backup(ctx context.Context, out string, level int) (BackupInfo, error) {
	info := BackupInfo{Path: out}
	l.removeStaleTemp(filepath.Dir(out), backupTempPrefix)
	tmpDir, err := os.MkdirTemp(filepath.Dir(out), backupTempPrefix+"*")
	if err != nil {
		return info, fmt.Errorf("cannot write the backup beside %s: %w", out, err)
	}
	defer os.RemoveAll(tmpDir)
	dbCopy := filepath.Join(tmpDir, DBFileName)
	if err := l.store.BackupTo(ctx, dbCopy); err != nil {
		return info, fmt.Errorf("could not copy the library: %w", err)
	}
	// A copy of a damaged library would pass the damage on and, kept in
	// place of an older copy, push out a good one: check it first.
	if err := store.CheckFile(ctx, dbCopy); err != nil {
		if errors.Is(err, store.ErrDamaged) {
			l.log.WithError(err).Error("backup refused: the library is damaged")
			return info, fmt.Errorf("%w; no backup was made and the earlier backups were kept", ErrLibraryDamaged)
		}
		return info, fmt.Errorf("could not check the copy of the library: %w", err)
	}
	if info.Articles, err = l.store.Count(ctx); err != nil {
		return info, err
	}
	schema, err := l.store.Version(ctx)
	if err != nil {
		return info, err
	}
	tmpZip := filepath.Join(tmpDir, "backup.zip")
	f, err := os.Create(tmpZip)
	if err != nil {
		return info, err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, level) })
	add := func(name, src string, method uint16) error {
		in, err := os.Open(src)
		if err != nil {
			return err
		}
		defer in.Close()
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: time.Now()})
		if err != nil {
			return err
		}
		_, err = io.Copy(w, ctxReader{ctx, in})
		return err
	}
	if err := add(DBFileName, dbCopy, zip.Deflate); err != nil {
		return info, fmt.Errorf("could not write the backup: %w", err)
	}
	imgDir := l.ImagesDir()
	err = filepath.WalkDir(imgDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		rel, err := filepath.Rel(imgDir, p)
		if err != nil {
			return err
		}
		info.Images++
		// Pictures are compressed already.
		return add(path.Join(ImagesDirName, filepath.ToSlash(rel)), p, zip.Store)
	})
	if err != nil {
		return info, fmt.Errorf("could not add the images to the backup: %w", err)
	}
	m, _ := json.MarshalIndent(backupManifest{Format: backupFormat, Version: 1, Schema: schema, Created: time.Now().UTC(),
		Articles: info.Articles, Images: info.Images}, "", "  ")
	w, err := zw.Create("manifest.json")
	if err == nil {
		_, err = w.Write(m)
	}
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		return info, fmt.Errorf("could not write the backup: %w", err)
	}
	f.Close()
	if err := os.Rename(tmpZip, out); err != nil {
		return info, fmt.Errorf("could not write the backup to %s: %w", out, err)
	}
	if fi, err := os.Stat(out); err == nil {
		info.Size = fi.Size()
	}
	l.log.WithFields(log.Fields{"path": out, "articles": info.Articles, "images": info.Images}).Info("backup written")
	return info, nil
}

// backupTempPrefix names the folder a backup is put together in, beside
// the .annals file; it is removed when Backup returns.
const backupTempPrefix = ".annals-backup-"

// staleBackupAge is how long a backup's temporary folder must have been
// left untouched before another backup removes it. A backup in progress
// (this Annals or another one on the same library) writes into its folder
// all the time; one left by a crash or a kill is not written any more.
const staleBackupAge = time.Hour

// lastWritten is the newest modification time of dir and the files in it.
func lastWritten(dir string) time.Time {
	var newest time.Time
	if fi, err := os.Stat(dir); err == nil {
		newest = fi.ModTime()
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if fi, err := e.Info(); err == nil && fi.ModTime().After(newest) {
			newest = fi.ModTime()
		}
	}
	return newest
}

// ctxReader stops a copy when ctx ends: copying and compressing a large
// database takes a while, and quitting should not wait for it.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// RestoreResult says what a restore brought in.
type RestoreResult struct {
	Articles   int // new articles
	Merged     int // articles the library had already
	Highlights int
	Feeds      int // subscriptions added
	Images     int // image files copied in
}

var imageFileName = regexp.MustCompile(`^images/[0-9a-f]{2}/[0-9a-f]{64}(\.[a-z0-9]{1,5})?$`)

// Restore merges a .annals backup into this library: new articles arrive
// with everything they had; articles already here keep their own page and
// gain the backup's tags, flags and highlights. A backup that cannot be
// read changes nothing; the merge itself is written in short batches (see
// store.MergeFrom), so the library stays usable meanwhile.
func (l *Library) Restore(ctx context.Context, file string) (RestoreResult, error) {
	var res RestoreResult
	a, err := transfer.OpenArchive(file, maxBackupSize)
	if err != nil {
		return res, err
	}
	defer a.Close()
	raw, err := a.ReadFile("manifest.json")
	var m backupManifest
	if err != nil || json.Unmarshal(raw, &m) != nil || m.Format != backupFormat {
		return res, fmt.Errorf("%s is not an Annals backup (it has no Annals manifest)", filepath.Base(file))
	}
	if m.Schema > store.SchemaVersion() {
		return res, fmt.Errorf("this backup was made by a newer Annals (schema %d, this version knows %d); please update Annals", m.Schema, store.SchemaVersion())
	}
	tmpDir, err := os.MkdirTemp(filepath.Dir(l.DBPath()), restoreTempPrefix+"*")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(tmpDir)
	dbCopy := filepath.Join(tmpDir, DBFileName)
	if err := extractTo(a, DBFileName, dbCopy); err != nil {
		return res, fmt.Errorf("the backup's database cannot be read: %w", err)
	}
	st, err := l.store.MergeFrom(ctx, dbCopy)
	if err != nil {
		return res, fmt.Errorf("could not restore the backup: %w", err)
	}
	res.Articles, res.Merged, res.Highlights, res.Feeds = st.Articles, st.Merged, st.Highlights, st.Feeds
	l.changed()
	// Image files are named by their content: copy in those missing.
	for _, name := range a.Names() {
		if !imageFileName.MatchString(name) {
			continue
		}
		dest := filepath.Join(l.ImagesDir(), filepath.FromSlash(strings.TrimPrefix(name, ImagesDirName+"/")))
		if _, err := os.Stat(dest); err == nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return res, err
		}
		if err := extractTo(a, name, dest); err != nil {
			return res, fmt.Errorf("the backup's articles are restored, but not all its images: %w", err)
		}
		res.Images++
	}
	l.log.WithFields(log.Fields{"file": file, "new": res.Articles, "merged": res.Merged, "images": res.Images}).Info("backup restored")
	return res, nil
}

// extractTo copies one archive file to dest, atomically.
func extractTo(a *transfer.Archive, name, dest string) error {
	r, err := a.Open(name)
	if err != nil {
		return err
	}
	defer r.Close()
	tmp := dest + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dest)
}

// damagedMarker, in the backups folder, records that the user was told the
// library is damaged.
const damagedMarker = ".library-damaged"

// BackupsDirName is the folder, beside the database, of automatic backups.
const BackupsDirName = "backups"

// AutoBackupOptions say how often to back up and how many backups to keep.
type AutoBackupOptions struct {
	Dir   string        // "": BackupsDirName beside the database
	Every time.Duration // 0: a week
	Keep  int           // 0: the last 4
}

// AutoBackup writes a backup into opts.Dir when the newest one there is
// older than opts.Every, then removes all but the newest opts.Keep. It
// returns the new backup's path, or "" when none was due. Temporary files
// of backups interrupted long ago are removed whether or not one is due.
// The GUI calls it a while after start.
func (l *Library) AutoBackup(ctx context.Context, opts AutoBackupOptions) (string, error) {
	if opts.Dir == "" {
		opts.Dir = filepath.Join(filepath.Dir(l.DBPath()), BackupsDirName)
	}
	if opts.Every <= 0 {
		opts.Every = 7 * 24 * time.Hour
	}
	if opts.Keep <= 0 {
		opts.Keep = 4
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot create the backups folder: %w", err)
	}
	l.removeStaleTemp(opts.Dir, backupTempPrefix)
	// The names sort by date: annals-2026-11-28-134501.annals.
	existing, _ := filepath.Glob(filepath.Join(opts.Dir, "annals-*"+BackupExt))
	slices.Sort(existing)
	if n := len(existing); n > 0 {
		if fi, err := os.Stat(existing[n-1]); err == nil && time.Since(fi.ModTime()) < opts.Every {
			return "", nil
		}
	}
	dest := filepath.Join(opts.Dir, "annals-"+time.Now().Format("2006-01-02-150405.000")+BackupExt)
	// The weekly backup runs while the user reads: compressing the database
	// fast takes about a third of the time of the default level, for a file
	// a fifth larger (688 MB database, 10,000 articles: 20 s and 258 MB
	// against 57 s and 219 MB).
	marker := filepath.Join(opts.Dir, damagedMarker)
	if _, err := l.backup(ctx, dest, flate.BestSpeed); err != nil {
		// A damaged library is said once: the marker keeps later
		// attempts (every start) quiet until a good backup is made. The
		// old backups are kept either way.
		if errors.Is(err, ErrLibraryDamaged) {
			if _, serr := os.Stat(marker); serr == nil {
				return "", nil
			}
			os.WriteFile(marker, []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o644)
		}
		return "", err
	}
	os.Remove(marker)
	existing = append(existing, dest)
	for len(existing) > opts.Keep {
		if err := os.Remove(existing[0]); err != nil {
			l.log.WithError(err).Warn("remove an old backup")
		}
		existing = existing[1:]
	}
	return dest, nil
}
