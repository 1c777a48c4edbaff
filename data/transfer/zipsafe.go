package transfer

import (
	"archive/zip"
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
}

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
	z := &safeZip{rc: rc, files: map[string]*zip.File{}}
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

// read returns an entry's bytes, never more than its declared size.
func (z *safeZip) read(name string) ([]byte, error) {
	f, ok := z.files[name]
	if !ok {
		return nil, fmt.Errorf("the archive has no %s", name)
	}
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s in the archive: %w", name, err)
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, int64(f.UncompressedSize64)+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s in the archive (it may be damaged): %w", name, err)
	}
	if uint64(len(b)) > f.UncompressedSize64 {
		return nil, &unsafeZipError{fmt.Sprintf("%s in the archive is larger than it claims; it was not read", name)}
	}
	return b, nil
}

// open streams an entry; the caller closes it.
func (z *safeZip) open(name string) (io.ReadCloser, error) {
	f, ok := z.files[name]
	if !ok {
		return nil, fmt.Errorf("the archive has no %s", name)
	}
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s in the archive: %w", name, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(r, int64(f.UncompressedSize64)), r}, nil
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
// declares for it.
func (a *Archive) Open(name string) (io.ReadCloser, error) { return a.z.open(name) }

// ReadFile returns one file's bytes.
func (a *Archive) ReadFile(name string) ([]byte, error) { return a.z.read(name) }

// Close closes the archive.
func (a *Archive) Close() error { return a.z.Close() }
