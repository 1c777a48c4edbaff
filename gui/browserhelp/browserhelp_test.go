package browserhelp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteArabicGuide: the guide is written right to left with its steps
// in order, escaped, and every picture it shows is beside it.
func TestWriteArabicGuide(t *testing.T) {
	dir := t.TempDir()
	index, err := Write(dir, Page{Lang: "ar", RTL: true, Title: "إضافة زر المتصفح", Intro: "مقدمة <b>",
		Sections: []Section{
			{Heading: "كروم أو إيدج:", Steps: []string{"افتح chrome://extensions", "اضغط «تحميل»"}, Images: []string{"chrome-extensions.png", "toolbar.png"}},
			{Heading: "ثم", Images: []string{"pairing.png"}},
		}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{`dir="rtl"`, `lang="ar"`, "<li>افتح chrome://extensions</li><li>اضغط «تحميل»</li>", "مقدمة &lt;b&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q:\n%s", want, html)
		}
	}
	for _, img := range []string{"chrome-extensions.png", "toolbar.png", "pairing.png"} {
		if !strings.Contains(html, `src="`+img+`"`) {
			t.Errorf("the page does not show %s", img)
		}
		if st, err := os.Stat(filepath.Join(dir, FolderName, img)); err != nil || st.Size() < 1000 {
			t.Errorf("%s beside the page: %v %v", img, st, err)
		}
	}
	if _, err := Write(dir, Page{Sections: []Section{{Images: []string{"missing.png"}}}}); err == nil {
		t.Error("a picture that does not exist was accepted")
	}
}
