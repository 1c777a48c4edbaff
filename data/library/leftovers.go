package library

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// restoreTempPrefix names the folder a restore unpacks the backup's
// database into, beside the library; Restore removes it when it returns,
// but a killed restore leaves it behind, a whole database's worth of disk.
const restoreTempPrefix = ".annals-restore-"

// removeLeftovers removes, beside the library, the temporary folders that
// restores and backups killed long ago left. A folder written to within
// staleBackupAge may belong to one still running (here or in another
// Annals) and is kept.
func (l *Library) removeLeftovers() {
	dir := filepath.Dir(l.DBPath())
	l.removeStaleTemp(dir, restoreTempPrefix)
	l.removeStaleTemp(dir, backupTempPrefix)
}

// removeStaleTemp removes the folders in dir named prefix* that nothing
// has written to for staleBackupAge.
func (l *Library) removeStaleTemp(dir, prefix string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if time.Since(lastWritten(p)) < staleBackupAge {
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			l.log.WithError(err).WithField("path", p).Warn("remove an interrupted restore's or backup's files")
			continue
		}
		l.log.WithField("path", p).Info("removed an interrupted restore's or backup's files")
	}
}
