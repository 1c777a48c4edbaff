package capture

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// articleNode parses fragment into a <div> as readability would hand it over.
func articleNode(t *testing.T, fragment string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader("<html><body><div id=\"article\">" + fragment + "</div></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	var find func(*html.Node) *html.Node
	find = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode && attr(n, "id") == "article" {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if f := find(c); f != nil {
				return f
			}
		}
		return nil
	}
	return find(root)
}

func TestBlocks(t *testing.T) {
	base, _ := url.Parse("https://example.org/news/story.html")
	tests := []struct {
		name string
		html string
		want []Block
	}{
		{"paragraphs and spaces", "<p>  One\n\t two&nbsp; three </p><p></p><p>Four</p>",
			[]Block{{Kind: BlockParagraph, Text: "One two three"}, {Kind: BlockParagraph, Text: "Four"}}},
		{"br keeps lines", "<p>Roses are red,<br>violets are blue</p>",
			[]Block{{Kind: BlockParagraph, Text: "Roses are red,\nviolets are blue"}}},
		{"a blank line of brs parts paragraphs", "<td><font>First paragraph.<br><br>Second,<br>in two lines.<br><br><br>Third.</font></td>",
			[]Block{{Kind: BlockParagraph, Text: "First paragraph."}, {Kind: BlockParagraph, Text: "Second,\nin two lines."}, {Kind: BlockParagraph, Text: "Third."}}},
		{"indented Chinese lines are paragraphs", "<td>\u3000\u3000第一段。<br>\u3000\u3000第二段，<br>续行。</td>",
			[]Block{{Kind: BlockParagraph, Text: "第一段。"}, {Kind: BlockParagraph, Text: "第二段，\n续行。"}}},
		{"long lines ending sentences are paragraphs", "<td>" + strings.Repeat("A sentence of a story, long enough to be a paragraph of its own. ", 2) + "<br>" +
			strings.Repeat("Another sentence, long enough to be a paragraph on its own line. ", 2) + "</td>",
			[]Block{{Kind: BlockParagraph, Text: strings.TrimSpace(strings.Repeat("A sentence of a story, long enough to be a paragraph of its own. ", 2))},
				{Kind: BlockParagraph, Text: strings.TrimSpace(strings.Repeat("Another sentence, long enough to be a paragraph on its own line. ", 2))}}},
		{"short lines stay lines", "<p>The rain in the valley,<br>the wind on the hill.<br>And nobody came home.</p>",
			[]Block{{Kind: BlockParagraph, Text: "The rain in the valley,\nthe wind on the hill.\nAnd nobody came home."}}},
		{"a list item keeps one block", "<ul><li>One<br><br>Two</li></ul>",
			[]Block{{Kind: BlockListItem, Text: "One\nTwo"}}},
		{"headings", "<h2>Two</h2><h3>Three <em>em</em></h3>",
			[]Block{{Kind: BlockHeading, Level: 2, Text: "Two"}, {Kind: BlockHeading, Level: 3, Text: "Three em"}}},
		{"quote of two paragraphs", "<blockquote><p>First.</p><p>Second.</p></blockquote>",
			[]Block{{Kind: BlockQuote, Text: "First."}, {Kind: BlockQuote, Text: "Second."}}},
		{"nested list", "<ul><li>Outer<ul><li>Inner</li></ul></li><li><p>Para in item</p></li></ul>",
			[]Block{{Kind: BlockListItem, Text: "Outer"}, {Kind: BlockListItem, Text: "Inner"}, {Kind: BlockListItem, Text: "Para in item"}}},
		{"figure", `<figure><img src="../img/a.jpg" alt=" A  photo "><figcaption><p>Caption</p> text</figcaption></figure>`,
			[]Block{{Kind: BlockImage, Text: "A photo", Src: "https://example.org/img/a.jpg"}, {Kind: BlockCaption, Text: "Caption"}, {Kind: BlockCaption, Text: "text"}}},
		{"image inside a link, text around", `<p>Before <a href="/x"><img src="//cdn.example.org/b.png"></a> after</p>`,
			[]Block{{Kind: BlockParagraph, Text: "Before"}, {Kind: BlockImage, Src: "https://cdn.example.org/b.png"}, {Kind: BlockParagraph, Text: "after"}}},
		{"srcset and data images", `<img srcset="s.jpg 320w, l.jpg 1024w"><img src="data:image/png;base64,AAAA">`,
			[]Block{{Kind: BlockImage, Src: "https://example.org/news/l.jpg"}}},
		{"pre keeps layout", "<pre>\nfunc main() {\n\tgo run()\n}\n</pre>",
			[]Block{{Kind: BlockPre, Text: "func main() {\n\tgo run()\n}"}}},
		{"loose text in div", "<div>Loose text<p>Para</p>tail</div>",
			[]Block{{Kind: BlockParagraph, Text: "Loose text"}, {Kind: BlockParagraph, Text: "Para"}, {Kind: BlockParagraph, Text: "tail"}}},
		{"scripts and forms skipped", "<p>Text<script>var x=1</script><button>Click</button></p>",
			[]Block{{Kind: BlockParagraph, Text: "Text"}}},
		{"table cells", "<table><tr><td>A</td><td>B</td></tr></table>",
			[]Block{{Kind: BlockParagraph, Text: "A"}, {Kind: BlockParagraph, Text: "B"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &job{pageURL: base, doc: &Document{}}
			j.article.Node = articleNode(t, tt.html)
			blocksStep(j)
			if len(j.doc.Blocks) != len(tt.want) {
				t.Fatalf("Blocks = %+v, want %+v", j.doc.Blocks, tt.want)
			}
			for i := range tt.want {
				if j.doc.Blocks[i] != tt.want[i] {
					t.Errorf("block %d = %+v, want %+v", i, j.doc.Blocks[i], tt.want[i])
				}
			}
		})
	}
}

func TestCleanArticle(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"arabic read-also teaser", `<p>نص المقال الأول.</p><p>اقرأ أيضاً: <a href="/x">عنوان مقال آخر عن الصين</a></p>`, "نص المقال الأول."},
		{"read-also heading and its list", `<p>Body.</p><h3>Related articles</h3><ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li></ul><p>End.</p>`, "Body. End."},
		{"ad labels", `<p>Body.</p><div>إعلان</div><p>ADVERTISEMENT</p><span>Share</span>`, "Body."},
		{"dateline", `<p><time datetime="2025-01-27">27 January 2025</time></p><p>Body.</p>`, "Body."},
		{"prose that starts like a label stays", `<p>Read more about the budget in the annex, which lists every line.</p>`, "Read more about the budget in the annex, which lists every line."},
		{"a sentence with a time stays", `<p>The talks ended on <time datetime="2025-01-27">27 January</time>.</p>`, "The talks ended on 27 January."},
		{"a related list without its heading stays", `<ul><li><a href="/a">One</a></li></ul>`, "One"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &job{doc: &Document{}}
			j.article.Node = articleNode(t, tt.html)
			cleanArticle(j)
			blocksStep(j)
			if got := strings.Join(strings.Fields(j.doc.Text), " "); got != tt.want {
				t.Errorf("text = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDetectLanguage(t *testing.T) {
	const (
		arabic  = "أطلق نموذج كيو دبليو كيو في نوفمبر وقال ديفيد ساكس إن الصين تقترب من الولايات المتحدة"
		persian = "این مدل در ماه نوامبر منتشر شد و گفته می‌شود که چین به آمریکا نزدیک می‌شود"
		urdu    = "یہ ماڈل نومبر میں جاری کیا گیا اور کہا جاتا ہے کہ چین امریکہ کے قریب پہنچ رہا ہے"
		hebrew  = "המודל שוחרר בנובמבר ונאמר כי סין מתקרבת לארצות הברית"
		english = "The model was released in November and it is said that China is close to the United States"
		french  = "Le modèle a été publié en novembre et on dit que la Chine se rapproche des États-Unis"
		chinese = "该模型于十一月发布，据说中国正在接近美国。"
		japan   = "このモデルは十一月に公開され、中国がアメリカに近づいていると言われている。"
		korean  = "이 모델은 11월에 공개되었으며 중국이 미국에 가까워지고 있다고 한다."
	)
	tests := []struct {
		name        string
		langs, dirs []string
		text        string
		lang, dir   string
		wantWarning bool
	}{
		{"declared arabic", []string{"ar"}, []string{"rtl"}, arabic, "ar", "rtl", false},
		{"declared with region", []string{"ar-EG"}, nil, arabic, "ar", "rtl", false},
		{"undeclared arabic", nil, nil, arabic, "ar", "rtl", false},
		{"template says english, text is arabic", []string{"en-US"}, []string{"ltr"}, arabic, "ar", "rtl", true},
		{"says arabic, text is english", []string{"ar"}, []string{"rtl"}, english, "en", "ltr", true},
		{"undeclared persian", nil, nil, persian, "fa", "rtl", false},
		{"undeclared urdu", nil, nil, urdu, "ur", "rtl", false},
		{"undeclared hebrew", nil, nil, hebrew, "he", "rtl", false},
		{"legacy iw", []string{"iw"}, nil, hebrew, "he", "rtl", false},
		{"undeclared english", nil, nil, english, "en", "ltr", false},
		{"undeclared french is unknown", nil, nil, french, "", "ltr", false},
		{"declared french", []string{"fr_FR"}, nil, french, "fr", "ltr", false},
		{"undeclared chinese", nil, nil, chinese, "zh", "ltr", false},
		{"undeclared japanese", nil, nil, japan, "ja", "ltr", false},
		{"undeclared korean", nil, nil, korean, "ko", "ltr", false},
		{"declared chinese, text in english", []string{"zh-CN"}, nil, english, "zh", "ltr", false},
		{"body lang after a bad html lang", []string{"x-default", "ar"}, nil, arabic, "ar", "rtl", false},
		{"no letters, dir attribute", nil, []string{"auto", "rtl"}, "2025 — 100%", "", "rtl", false},
		{"no letters, nothing", nil, nil, "", "", "ltr", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang, dir, warning := detectLanguage(tt.langs, tt.dirs, tt.text)
			if lang != tt.lang || dir != tt.dir || (warning != "") != tt.wantWarning {
				t.Errorf("= %q, %q, %q; want %q, %q, warning %v", lang, dir, warning, tt.lang, tt.dir, tt.wantWarning)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	const arabic = "<html><head><title>عنوان</title></head><body><p>نص عربي</p></body></html>"
	win1256, _ := charmap.Windows1256.NewEncoder().String(arabic)
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(arabic)
	latin1, _ := charmap.Windows1252.NewEncoder().String("<html><head><meta charset=\"windows-1252\"></head><body><p>Café crème</p></body></html>")
	tests := []struct {
		name, body, contentType string
		wantEncoding, wantText  string
		wantWarning             string
	}{
		{"utf-8 bom", "\uFEFF" + arabic, "", "utf-8", arabic, ""},
		{"utf-16 bom beats header", utf16, "text/html; charset=windows-1256", "utf-16le", arabic, ""},
		{"header", win1256, "text/html; charset=windows-1256", "windows-1256", arabic, ""},
		{"header label alias", win1256, `text/html; charset="cp1256"`, "windows-1256", arabic, ""},
		{"declared windows-1252 is trusted", latin1, "", "windows-1252", "Café crème", ""},
		{"unknown header charset", arabic, "text/html; charset=klingon", "utf-8", arabic, "unknown character encoding"},
		{"invalid utf-8", "<p>ok \xff\xfe bad</p>", "text/html; charset=utf-8", "utf-8", "ok \uFFFD bad", "damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decodeUTF8([]byte(tt.body), tt.contentType)
			if d.encoding != tt.wantEncoding {
				t.Errorf("encoding = %q, want %q", d.encoding, tt.wantEncoding)
			}
			if !bytes.Contains(d.text, []byte(tt.wantText)) || bytes.HasPrefix(d.text, []byte("\uFEFF")) {
				t.Errorf("text = %q, want it to hold %q without a BOM", d.text, tt.wantText)
			}
			got := strings.Join(d.warnings, " ")
			if (tt.wantWarning == "") != (got == "") || !strings.Contains(got, tt.wantWarning) {
				t.Errorf("warnings = %q, want %q", got, tt.wantWarning)
			}
		})
	}
}

func TestMetadataHelpers(t *testing.T) {
	bylines := map[string]string{
		"By Jane Doe":          "Jane Doe",
		"  بقلم: محمد علي ":    "محمد علي",
		"27 January 2025":      "",
		"2025-01-27T09:00:00Z": "",
		"المجلة":               "المجلة",
		"Bystander Press":      "Bystander Press",
	}
	for in, want := range bylines {
		if got := cleanByline(in); got != want {
			t.Errorf("cleanByline(%q) = %q, want %q", in, got, want)
		}
	}
	dates := []struct {
		in   string
		want string // RFC 3339, "" when refused
	}{
		{"2025-01-27T09:00:00+03:00", "2025-01-27T09:00:00+03:00"},
		{"2025-01-27", "2025-01-27T00:00:00Z"},
		{"٢٠٢٥-٠١-٢٧", "2025-01-27T00:00:00Z"},
		{"2025-01-27 09:00:00", "2025-01-27T09:00:00Z"},
		{"January 27, 2025", "2025-01-27T00:00:00Z"},
		{"0001-01-01T00:00:00Z", ""},
		{"not a date", ""},
	}
	for _, tt := range dates {
		got, ok := parseDate(tt.in)
		if s := got.Format(time.RFC3339); (ok && s != tt.want) || ok != (tt.want != "") {
			t.Errorf("parseDate(%q) = %s, %v; want %q", tt.in, s, ok, tt.want)
		}
	}
}

// guessLanguage compares only words of up to englishWordMax bytes with
// englishWords: no word in it may be longer.
func TestEnglishWordMax(t *testing.T) {
	for w := range englishWords {
		if len(w) > englishWordMax {
			t.Errorf("%q is longer than englishWordMax", w)
		}
	}
}
