package capture

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// An old portal laid out with a table: a menu cell, the story cell with
// its paragraphs as <br>-separated text, and a cell of news briefs.
func TestTableLayoutPicksTheStoryCell(t *testing.T) {
	var menu, briefs strings.Builder
	for i := range 25 {
		menu.WriteString(`<a href="/s` + strings.Repeat("x", i+1) + `">Section of the portal</a><br>`)
	}
	for i := range 6 {
		briefs.WriteString(`<p><a href="/b` + strings.Repeat("y", i+1) + `">A brief from the region, one line long</a> and two words.</p>`)
	}
	story := `<font size="4"><b>Council closes the old bridge</b></font><br><br>` +
		`The city council voted on Tuesday to close the old bridge to cars from March, after engineers found cracks in two of its piers.<br><br>` +
		`The mayor said the crossing would reopen to cyclists and walkers once the repairs were finished, probably late next year.<br><br>` +
		`Shopkeepers on both banks fear the closure will cost them customers; the council promised a ferry during the works.<br><br>` +
		`Engineers will first shore up the piers with steel sleeves, then replace the deck, which dates from 1931.`
	page := `<html><body><table width="100%"><tr><td colspan="3"><img src="/logo.gif"> Portal of the valley</td></tr>` +
		`<tr><td width="150" valign="top">` + menu.String() + `</td><td valign="top">` + story + `</td><td width="200" valign="top">` + briefs.String() + `</td></tr>` +
		`<tr><td colspan="3">© 2003 Portal of the valley · Contact · Imprint</td></tr></table></body></html>`
	doc, err := Parse(context.Background(), []byte(page), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"voted on Tuesday", "reopen to cyclists", "promised a ferry", "dates from 1931"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("missing %q; text = %q", want, doc.Text)
		}
	}
	for _, not := range []string{"Section of the portal", "A brief from the region", "Imprint"} {
		if strings.Contains(doc.Text, not) {
			t.Errorf("kept %q; text = %q", not, doc.Text)
		}
	}
}

// Table-laid-out pages of the kinds the issue names: an old English local
// paper (its story in one <font> of <br><br>-separated paragraphs, beside a
// column of eleven news briefs in <p>s, which readability alone picks), a
// Chinese portal (GB2312, the story as <br>-separated lines in its cell, a
// column of briefs with summaries: readability alone picks the whole row)
// and an Arabic portal (windows-1256, the same layout right to left). The
// story's cell is kept whole and in order; the menu, the adverts, the briefs
// and the footer are not.
func TestTableLayoutPortals(t *testing.T) {
	tests := []struct {
		file, lang string
		title      string
		blocks     int      // the story's paragraphs: <p>s, blank lines, indented lines
		inOrder    []string // in this order
		not        []string
	}{
		{"testdata/table-old-en.html", "en", "Mill pond to be drained for dam repairs", 6, []string{
			"MILLBROOK -- The mill pond behind the Church Street dam",
			"Director Alan Whitcomb told selectmen",
			"Nobody wants to lose the pond",
			"Draining will begin on April 7",
			"The repairs are expected to cost $310,000.",
			"the pond refilled by the Fourth of July.",
		}, []string{"Mill pond to be drained for dam repairs", "Harold Pike", "Front Page", "Obituaries", "Advertisement", "Firefighters put out a kitchen fire", "The Friends of the Library will sell",
			"School concert",
			"School budget passes", "Search the Gazette", "All rights reserved", "Privacy"}},
		{"testdata/table-portal-zh.html", "zh", "江南古镇启动老街修缮工程", 5, []string{
			"本报讯 记者陈晓明报道：为保护古镇的历史风貌",
			"据镇建设办公室负责人介绍",
			"修缮过程中，施工单位将坚持“修旧如旧”的原则",
			"老街居民对这项工程普遍表示欢迎",
			"整个工程预计在明年春节前完工，届时老街将以新的面貌迎接各地游客。",
		}, []string{"栏目导航", "国内新闻", "热点新闻", "新线路将连接火车站", "气象台提醒市民", "油菜花开满田野",
			"版权所有", "关于我们", "友情链接"}},
		// One <br> between paragraphs, each a long line. No <h1> shows which
		// part of the title is the headline: the site's name stays in it.
		{"testdata/table-portal-ar.html", "ar", "شبكة الخليج الإخبارية - افتتاح أكبر محطة لتحلية المياه في الساحل الشرقي", 5, []string{
			"افتتح وزير المياه والكهرباء يوم أمس محطة جديدة لتحلية مياه البحر",
			"وقال الوزير في كلمته خلال حفل الافتتاح",
			"وأوضح مدير المشروع أن بناء المحطة استغرق ثلاث سنوات",
			"وأضاف أن المحطة توفر أكثر من ثمانمائة فرصة عمل",
			"بعد اكتمال خط الأنابيب الذي يربطها بخزانات المدن الثلاث.",
		}, []string{"الأقسام", "أخبار محلية", "القائمة البريدية", "آخر الأخبار", "يضم المستشفى الجديد ثلاثمائة سرير",
			"الأكثر قراءة", "إعلان", "جميع الحقوق محفوظة", "سياسة الخصوصية"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			page, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse("http://www.example.com/news/view.php?id=4521")
			doc, err := Parse(context.Background(), page, "text/html", u)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Blocks) != tt.blocks {
				t.Errorf("%d blocks, want %d; blocks = %v", len(doc.Blocks), tt.blocks, blockTexts(doc.Blocks))
			}
			text := strings.Join(strings.Fields(doc.Text), " ")
			at := 0
			for _, want := range tt.inOrder {
				i := strings.Index(text[at:], want)
				if i < 0 {
					t.Errorf("missing %q, or out of order; text = %q", want, text)
					continue
				}
				at += i + len(want)
			}
			for _, not := range tt.not {
				if strings.Contains(text, not) {
					t.Errorf("kept %q; text = %q", not, text)
				}
			}
			if doc.Title != tt.title {
				t.Errorf("Title = %q, want %q", doc.Title, tt.title)
			}
			if doc.Language != tt.lang {
				t.Errorf("Language = %q, want %q", doc.Language, tt.lang)
			}
		})
	}
}

// storyCell narrows only a page's layout: a cell beside a column of links
// or boxes that holds the story's paragraphs. A table inside a story (a long
// cell beside its label), a one-column table and a layout whose prose is
// spread over several cells are left as readability found them.
func TestStoryCell(t *testing.T) {
	prose := func(s string) string {
		return s + " The council voted on Tuesday to close the old bridge to cars from March, after engineers found cracks in two of its piers. "
	}
	menu := `<td><a href="/a">News</a><br><a href="/b">Sport</a><br><a href="/c">Weather</a><br><a href="/d">Contact</a></td>`
	boxes := `<td><b>Poll</b><br><b>Statistics</b><br>Online: 3<br><b>Search</b></td>`
	tests := []struct {
		name, html string
		want       string // the start of the cell's text, "" when no cell is picked
	}{
		{"story beside a menu", `<table><tr>` + menu + `<td>` + prose("Alpha.") + `<br>` + prose("Bravo.") + `<br>` + prose("Charlie.") + `</td></tr></table>`, "Alpha."},
		{"story beside boxes without links", `<table><tr>` + boxes + `<td>` + prose("Alpha.") + `<br>` + prose("Bravo.") + `<br>` + prose("Charlie.") + `</td></tr></table>`, "Alpha."},
		{"nested: the story's own cell", `<table><tr>` + menu + `<td><table><tr><td><h1>Title</h1></td></tr><tr><td>` + prose("Alpha.") + `<br>` + prose("Bravo.") + `<br>` + prose("Charlie.") + `</td></tr><tr><td>Editor: Li</td></tr></table></td></tr></table>`, "Alpha."},
		{"a long cell beside its label", `<p>` + prose("Intro.") + `</p><table><tr><td>Route</td><td>` + prose("Alpha.") + prose("Bravo.") + prose("Charlie.") + `</td></tr></table>`, ""},
		{"a one-column table", `<table><tr><td>` + prose("Alpha.") + `<br>` + prose("Bravo.") + `</td></tr></table>`, ""},
		{"prose in two cells", `<table><tr>` + menu + `<td>` + prose("Alpha.") + `<br>` + prose("Bravo.") + `</td><td>` + prose("Charlie.") + `<br>` + prose("Delta.") + `</td></tr></table>`, ""},
		{"too little prose to judge", `<table><tr>` + menu + `<td>Short story.</td></tr></table>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cell := storyCell(articleNode(t, tt.html))
			got := ""
			if cell != nil {
				got = strings.TrimSpace(textContent(cell))
			}
			if (tt.want == "") != (got == "") || !strings.HasPrefix(got, tt.want) {
				t.Errorf("cell = %q, want one starting %q", got, tt.want)
			}
		})
	}
}

// layoutCellStep puts back the story's cell only when readability picked
// another column: not when its pick is part of that cell.
func TestLayoutCellStepPutsTheStoryBack(t *testing.T) {
	prose := func(s string) string {
		return "<p>" + s + " The council voted on Tuesday to close the old bridge to cars from March, after engineers found cracks in two of its piers.</p>"
	}
	brief := func(s string) string {
		return `<p><a href="/b">` + s + `</a><br>A short summary of another story, one line.</p>`
	}
	page := `<table><tr><td><a href="/a">News</a><br><a href="/b">Sport</a><br><a href="/c">Weather</a></td>` +
		`<td id="story"><div id="main">` + prose("Alpha.") + prose("Bravo.") + prose("Charlie.") + `</div>` +
		`<div id="more">` + prose("Delta.") + prose("Echo.") + `</div></td>` +
		`<td id="briefs">` + brief("One") + brief("Two") + brief("Three") + `</td></tr></table>`
	for _, tt := range []struct {
		name, pick string // the id of readability's pick
		want       string // the first words of the article's paragraphs
	}{
		{"readability picked the briefs", "briefs", "Alpha. Bravo. Charlie. Delta. Echo."},
		{"readability picked part of the story's cell", "main", "Alpha. Bravo. Charlie."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := articleNode(t, page)
			j := &job{doc: &Document{}}
			cell, weight := storyCellOf(body, pageShare)
			if cell == nil || attr(cell, "id") != "story" {
				t.Fatalf("page's story cell = %v", cell)
			}
			j.layoutStory, j.layoutWeight = cloneStory(cell), weight
			var pick *html.Node
			for n := range body.Descendants() {
				if n.Type == html.ElementNode && attr(n, "id") == tt.pick {
					pick = n
				}
			}
			pick.Parent.RemoveChild(pick)
			j.article.Node = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
			j.article.Node.AppendChild(pick)
			if err := layoutCellStep(j); err != nil {
				t.Fatal(err)
			}
			blocksStep(j)
			var got []string
			for _, b := range j.doc.Blocks {
				got = append(got, strings.Fields(b.Text)[0])
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("paragraphs start %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHeadlineOf(t *testing.T) {
	for _, tt := range []struct {
		title     string
		headlines []string
		want      string
	}{
		{"江南古镇启动老街修缮工程_新闻中心_华东在线", []string{"江南古镇启动老街修缮工程"}, "江南古镇启动老街修缮工程"},
		{"Valley Courier | River town votes to rebuild", []string{" River town votes\n to rebuild "}, "River town votes to rebuild"},
		{"Site - Headline - Section", []string{"Menu", "Headline"}, "Headline"},
		{"Well-known - a title with a hyphen", []string{"Another headline"}, "Well-known - a title with a hyphen"},
		{"No separator at all", []string{"No separator"}, "No separator at all"},
		{"Headline | Site", nil, "Headline | Site"},
	} {
		if got := headlineOf(tt.title, tt.headlines); got != tt.want {
			t.Errorf("headlineOf(%q, %q) = %q, want %q", tt.title, tt.headlines, got, tt.want)
		}
	}
}
