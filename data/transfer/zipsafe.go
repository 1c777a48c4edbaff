package transfer

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"
)

// Limits on a zip archive, checked from its directory before any entry is
// read: an archive over them is refused whole.
const (
	MaxZipTotal   = 1 << 30 // all entries together, uncompressed (1 GB)
	MaxZipEntries = 200000
	// MaxZipRatio bounds how much one entry may expand (uncompressed /
	// compressed); entries under zipRatioFloor are not checked (tiny files
	// of repeated bytes compress very well and are harmless).
	MaxZipRatio   = 200
	zipRatioFloor = 1 << 20
)

// ErrUnsafeZip matches every refusal of openZip that is about the archive's
// shape rather than its readability.
var ErrUnsafeZip = errors.New("unsafe zip archive")

type unsafeZipError struct{ msg string }

func (e *unsafeZipError) Error() string        { return e.msg }
func (e *unsafeZipError) Is(target error) bool { return target == ErrUnsafeZip }

// safeZip is an open, checked archive. Entries are found by cleaned name.
type safeZip struct {
	rc    *zip.ReadCloser
	files map[string]*zip.File
	names []string // in archive order
	// used marks the entries read: each is read at most once, so metadata
	// naming one large entry many times cannot multiply what it costs.
	used map[string]bool
	// budget is how many more bytes may be decompressed: the archive's
	// declared total, so however entries are asked for, an import never
	// inflates more than the archive claims to hold.
	budget int64
}

// ErrDamagedZip matches a zip entry whose bytes do not match its checksum
// or its declared size; the error names the entry.
var ErrDamagedZip = errors.New("damaged zip entry")

// DamagedEntryError says which entry of an archive is damaged.
type DamagedEntryError struct {
	Name string
	Err  error
}

func (e *DamagedEntryError) Error() string {
	return fmt.Sprintf("%s in the archive is damaged (its contents do not match its checksum or size); nothing was taken from it", e.Name)
}
func (e *DamagedEntryError) Unwrap() error        { return e.Err }
func (e *DamagedEntryError) Is(target error) bool { return target == ErrDamagedZip }

// ErrEntryReadTwice is returned when an entry already read is asked for
// again.
var ErrEntryReadTwice = errors.New("zip entry already read")

// openZip opens path and checks it whole: a complete archive, no entry
// escaping its folder ("../", absolute paths), no more than MaxZipTotal
// uncompressed, no entry expanding more than MaxZipRatio times.
func openZip(path string) (*safeZip, error) { return openZipLimit(path, MaxZipTotal) }

func openZipLimit(path string, maxTotal uint64) (*safeZip, error) {
	rc, err := zip.OpenReader(path)
	if err != nil {
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%s is not a complete zip archive (it may be truncated or damaged)", filepath.Base(path))
		}
		return nil, fmt.Errorf("cannot open %s: %w", filepath.Base(path), err)
	}
	z, err := checkZip(rc, maxTotal)
	if err != nil {
		rc.Close()
		return nil, err
	}
	return z, nil
}

func checkZip(rc *zip.ReadCloser, maxTotal uint64) (*safeZip, error) {
	if len(rc.File) > MaxZipEntries {
		return nil, &unsafeZipError{fmt.Sprintf("the zip archive holds %d files, more than the %d allowed", len(rc.File), MaxZipEntries)}
	}
	z := &safeZip{rc: rc, files: map[string]*zip.File{}, used: map[string]bool{}}
	var total uint64
	for _, f := range rc.File {
		name, ok := safeName(f.Name)
		if !ok {
			return nil, &unsafeZipError{fmt.Sprintf("the zip archive has a file named %q that points outside its folder; it was not opened", f.Name)}
		}
		total += f.UncompressedSize64
		if total > maxTotal {
			return nil, &unsafeZipError{fmt.Sprintf("the zip archive would expand to more than %d MB; it was not opened", maxTotal>>20)}
		}
		if f.UncompressedSize64 > zipRatioFloor && f.UncompressedSize64 > MaxZipRatio*max(f.CompressedSize64, 1) {
			return nil, &unsafeZipError{fmt.Sprintf("the zip archive's %q expands %d times, which looks like a zip bomb; it was not opened",
				f.Name, f.UncompressedSize64/max(f.CompressedSize64, 1))}
		}
		if f.FileInfo().IsDir() {
			continue
		}
		z.files[name] = f
		z.names = append(z.names, name)
	}
	z.budget = int64(total)
	return z, nil
}

// safeName cleans an entry name, refusing those that leave the archive's
// root once cleaned.
func safeName(name string) (string, bool) {
	n := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(n, "/") || (len(n) > 1 && n[1] == ':') {
		return "", false
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return "", false
		}
	}
	c := path.Clean(n)
	if c == "." || strings.HasPrefix(c, "../") {
		return "", false
	}
	return c, true
}

func (z *safeZip) Close() error { return z.rc.Close() }

// read returns an entry's bytes, checked against its checksum and its
// declared size. Each entry is read at most once.
func (z *safeZip) read(name string) ([]byte, error) {
	r, err := z.open(name)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(r)
	if cerr := r.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return b, nil
}

// check reads an entry to its end, checking its checksum and size, and
// keeps nothing; it counts as the entry's one reading.
func (z *safeZip) check(name string) error {
	r, err := z.open(name)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, r)
	if cerr := r.Close(); err == nil {
		err = cerr
	}
	return err
}

// open streams an entry, at most once; the caller closes it. Reading it to
// its end checks its checksum, and Close reads what the caller left (a JSON
// decoder stops at the closing bracket) so a damaged entry is always found:
// Close's error must be checked.
func (z *safeZip) open(name string) (io.ReadCloser, error) {
	f, ok := z.files[name]
	if !ok {
		return nil, fmt.Errorf("the archive has no %s", name)
	}
	if z.used[name] {
		return nil, fmt.Errorf("%s: %w", name, ErrEntryReadTwice)
	}
	z.used[name] = true
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s in the archive: %w", name, err)
	}
	return &entryReader{z: z, name: name, r: r}, nil
}

// entryReader reads one entry through archive/zip's own checks (it
// verifies the CRC-32 when it reaches the end, and refuses more or fewer
// bytes than declared), naming the entry in any error, and draws on the
// archive's decompression budget.
type entryReader struct {
	z    *safeZip
	name string
	r    io.ReadCloser
	err  error
	eof  bool
}

func (e *entryReader) Read(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	if e.eof {
		return 0, io.EOF
	}
	n, err := e.r.Read(p)
	e.z.budget -= int64(n)
	if e.z.budget < 0 {
		e.err = &unsafeZipError{fmt.Sprintf("reading %s would expand the zip archive beyond what it declares; it was not read", e.name)}
		return 0, e.err
	}
	switch {
	case err == io.EOF:
		e.eof = true
	case err != nil:
		if errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) || errors.Is(err, io.ErrUnexpectedEOF) ||
			isFlateError(err) {
			e.err = &DamagedEntryError{Name: e.name, Err: err}
		} else {
			e.err = fmt.Errorf("cannot read %s in the archive: %w", e.name, err)
		}
		return n, e.err
	}
	return n, err
}

// isFlateError reports a corrupt deflate stream, whatever its offset.
func isFlateError(err error) bool {
	var ce flate.CorruptInputError
	return errors.As(err, &ce)
}

// Close reads what is left of the entry (checking its checksum) and
// closes it.
func (e *entryReader) Close() error {
	var err error
	if e.err == nil && !e.eof {
		_, err = io.Copy(io.Discard, e)
	}
	if err == nil {
		err = e.err
	}
	e.r.Close()
	return err
}

// zipFirstName returns the name of a zip's first entry, read from its local
// header in head, so Detect can tell archives apart without opening them.
func zipFirstName(head []byte) (string, bool) {
	if len(head) < 30 || string(head[:4]) != "PK\x03\x04" {
		return "", false
	}
	n := int(head[26]) | int(head[27])<<8
	if 30+n > len(head) {
		return "", false
	}
	return string(head[30 : 30+n]), true
}

// isZip reports whether head starts like a zip archive.
func isZip(head []byte) bool { return len(head) >= 4 && string(head[:4]) == "PK\x03\x04" }

// Archive is a zip file checked like the importers' archives (complete, no
// entry leaving its folder, no zip bomb), for backups.
type Archive struct{ z *safeZip }

// OpenArchive opens and checks a zip archive that may expand to maxTotal
// bytes (a backup holds a whole library and its images).
func OpenArchive(path string, maxTotal uint64) (*Archive, error) {
	z, err := openZipLimit(path, maxTotal)
	if err != nil {
		return nil, err
	}
	return &Archive{z: z}, nil
}

// Names lists the archive's files (cleaned, never leaving its root), in
// archive order.
func (a *Archive) Names() []string { return append([]string(nil), a.z.names...) }

// Open streams one file; it never yields more than the size the archive
// declares for it, and a file whose bytes do not match its checksum ends
// in an error naming it (from Read at its end, or from Close). Each file
// can be opened once.
func (a *Archive) Open(name string) (io.ReadCloser, error) { return a.z.open(name) }

// ReadFile returns one file's bytes.
func (a *Archive) ReadFile(name string) ([]byte, error) { return a.z.read(name) }

// Close closes the archive.
func (a *Archive) Close() error { return a.z.Close() }

// zipProblem reports an error that must stop an import: a damaged entry or
// an archive that would expand beyond its budget. A missing entry, or one
// already read, is not one.
func zipProblem(err error) bool {
	return errors.Is(err, ErrDamagedZip) || errors.Is(err, ErrUnsafeZip)
}
