// Package browserhelp writes the illustrated page that tells a reader, in
// plain steps, how to add the "Save to Annals" button to their browser.
// It is a local HTML file in the data folder, opened in the reader's own
// browser: the browser is where the steps happen, and the pictures (taken
// from Chromium running the real extension) show what to look for.
package browserhelp

import (
	"bytes"
	"embed"
	"html/template"
	"os"
	"path/filepath"
)

//go:embed *.png
var images embed.FS

// FolderName is the page's folder inside the data folder.
const FolderName = "browser-button-help"

// Section is a heading, its steps and, optionally, a picture
// ("chrome-extensions.png", "toolbar.png", "pairing.png").
type Section struct {
	Heading string
	Steps   []string
	Images  []string
}

// Page is the whole guide, already translated.
type Page struct {
	Lang     string // "en", "ar"
	RTL      bool
	Title    string
	Intro    string
	Sections []Section
}

var page = template.Must(template.New("help").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{if .RTL}}rtl{{else}}ltr{{end}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>{{.Title}}</title>
<style>
body { font: 17px/1.6 system-ui, "Noto Sans Arabic", sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em; color: #1f2937; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; }
img { max-width: 100%; border: 1px solid #d1d5db; border-radius: 6px; margin: .6em 0; }
li { margin: .3em 0; }
code { direction: ltr; unicode-bidi: isolate; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>{{.Intro}}</p>
{{range .Sections}}<h2>{{.Heading}}</h2>
{{if .Steps}}<ol>{{range .Steps}}<li>{{.}}</li>{{end}}</ol>{{end}}
{{range .Images}}<img src="{{.}}" alt="">
{{end}}{{end}}
</body>
</html>
`))

// Write puts the guide in dir/FolderName and returns its index.html.
func Write(dir string, p Page) (string, error) {
	out := filepath.Join(dir, FolderName)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, p); err != nil {
		return "", err
	}
	for _, s := range p.Sections {
		for _, name := range s.Images {
			b, err := images.ReadFile(name)
			if err != nil {
				return "", err
			}
			if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
				return "", err
			}
		}
	}
	index := filepath.Join(out, "index.html")
	return index, os.WriteFile(index, buf.Bytes(), 0o644)
}
