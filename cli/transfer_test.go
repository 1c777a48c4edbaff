package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals/data/library"
)

func TestImportExportBackupRestore(t *testing.T) {
	body := "<p>" + strings.Repeat("This is a long paragraph about the subject that explains the idea in enough detail for a reader. ", 6) + "</p>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><h1>%s</h1>%s%s%s</article></body></html>", r.URL.Path, r.URL.Path, body, body, body)
	}))
	defer srv.Close()
	saved := FetchLimits
	FetchLimits = library.FetchLimits{Hosts: 4}
	defer func() { FetchLimits = saved }()

	dir := t.TempDir()
	export := filepath.Join(dir, "instapaper.csv")
	csv := "URL,Title,Selection,Folder,Timestamp,Tags\n" +
		srv.URL + "/one,\"One, with a comma\",,Unread,1700000000,\"[\"\"news\"\"]\"\n" +
		srv.URL + "/two,الثاني,,Archive,1700000100,[]\n" +
		srv.URL + "/gone,Gone,,Starred,1700000200,[]\n" +
		srv.URL + "/one,One again,,Research,1700000300,[]\n"
	os.WriteFile(export, []byte(csv), 0o644)
	r := runner{t: t, db: filepath.Join(dir, "lib", "annals.db")}

	code, out, errs := r.run("import", export, "--format", "instapaper")
	if code != ExitOK {
		t.Fatalf("import: code %d, out %q, err %q", code, out, errs)
	}
	if !strings.Contains(errs, "instapaper: 4 items, 3 new") || !strings.Contains(errs, "2 of 3 fetched, 1 failed") ||
		!strings.Contains(errs, "/gone") {
		t.Errorf("import stderr = %q", errs)
	}
	if !strings.Contains(out, "2 pages fetched, 1 failed, 0 left") {
		t.Errorf("import stdout = %q", out)
	}
	code, out, _ = r.run("list", "--json")
	var list []articleJSON
	if code != ExitOK || json.Unmarshal([]byte(out), &list) != nil || len(list) != 3 {
		t.Fatalf("list after import: %d, %q", code, out)
	}

	// Exports.
	if code, _, errs := r.run("export", filepath.Join(dir, "out.csv")); code != ExitUser || !strings.Contains(errs, "--format") {
		t.Errorf("export without --format: %d %q", code, errs)
	}
	for _, f := range []string{"csv", "netscape", "markdown", "epub"} {
		dest := filepath.Join(dir, "out-"+f)
		if code, out, errs := r.run("export", "--format", f, dest); code != ExitOK || !strings.Contains(out, "exported 3 articles") {
			t.Errorf("export %s: %d %q %q", f, code, out, errs)
		}
		if _, err := os.Stat(dest); err != nil {
			t.Errorf("export %s wrote nothing: %v", f, err)
		}
	}

	// Backup, then restore into a new library.
	backup := filepath.Join(dir, "lib"+library.BackupExt)
	if code, out, errs := r.run("backup", backup); code != ExitOK || !strings.Contains(out, "backed up 3 articles") {
		t.Fatalf("backup: %d %q %q", code, out, errs)
	}
	r2 := runner{t: t, db: filepath.Join(dir, "lib2", "annals.db")}
	if code, out, errs := r2.run("restore", backup); code != ExitOK || !strings.Contains(out, "restored 3 new articles") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	if code, out, _ := r2.run("restore", backup); code != ExitOK || !strings.Contains(out, "restored 0 new articles (3 were there already") {
		t.Errorf("second restore: %d %q", code, out)
	}
}

func TestTransferBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`[{"url": "https://a.example/", "is_archived": 0,}]`), 0o644)
	r := runner{t: t, db: filepath.Join(dir, "annals.db")}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"import", bad}, "not valid JSON"},
		{[]string{"import", bad, "--format", "nope"}, "unknown import format"},
		{[]string{"import"}, "import needs one export file"},
		{[]string{"restore", bad}, "not a complete zip archive"},
		{[]string{"export", "--format", "pdf", "x"}, "export needs --format"},
	}
	for _, c := range cases {
		code, _, errs := r.run(c.args...)
		if code != ExitUser || !strings.Contains(errs, c.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: code %d, stderr %q; want one line with %q", c.args, code, errs, c.want)
		}
	}
	if code, out, _ := r.run("list"); code != ExitOK || out != "" {
		t.Errorf("something was imported: %q", out)
	}
}
