package capture

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestCleanRules checks each cleaning rule on small realistic markup: the
// boilerplate goes and the article's own sentences, some of which look like
// boilerplate, stay.
func TestCleanRules(t *testing.T) {
	const body = `<p>The city council voted on Tuesday to close the old bridge to cars from March.</p>`
	const bodyText = "The city council voted on Tuesday to close the old bridge to cars from March."
	tests := []struct {
		name       string
		html       string
		keep, drop []string
	}{
		{"nav inside the article",
			`<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>` + body,
			nil, []string{"Home", "News"}},
		{"class names furniture",
			`<div class="article__byline">By the Metro desk</div><span class="article__credit">Credit: EPA</span>` +
				`<div class="socialIcon"><a href="#">Tweet this</a></div><p class="mm_related">More from the council archive</p>` +
				`<div id="comments">Be the first to comment on this story</div>` + body,
			nil, []string{"Metro desk", "EPA", "Tweet", "archive", "first to comment"}},
		{"a class name on the whole story does not remove it",
			`<div class="entry-meta">` + body + `<p>Work starts in spring and should last two years.</p></div>`,
			[]string{"Work starts in spring"}, nil},
		{"class words match whole words only",
			`<p class="shadow-box">Shadowed paragraphs are still part of the story.</p><p class="header-adjacent">So is this one.</p>` + body,
			[]string{"Shadowed paragraphs", "So is this one."}, nil},
		{"a later small article is a teaser card",
			`<article>` + body + `<p>Work starts in spring and should last two years, the council said in a statement.</p></article><article><h2>Another story</h2><p>A teaser for another story.</p></article>`,
			nil, []string{"Another story", "teaser"}},
		{"the first of several full posts stays",
			`<article><p>Only the first post is the page's own: the others follow it on a page that lists posts in full.</p></article>` +
				strings.Repeat(`<article><p>A later post, shown in full below the first one, but not the one the link was for.</p></article>`, 4) + body,
			[]string{"Only the first post"}, []string{"A later post"}},
		{"gallery controls",
			`<p>Image 1 of / 9</p><p>Caption</p><p>Close</p><figcaption>1of4</figcaption><p>6</p><p>|</p>` + body,
			nil, []string{"Image 1", "Caption", "Close", "1of4", "|"}},
		{"numbers inside a list item stay",
			body + `<ol><li>2019</li><li>2020</li></ol>`,
			[]string{"2019", "2020"}, nil},
		{"links alone are related stories or breadcrumbs",
			`<p><a href="/">Home</a><a href="/news">Latest News</a><a href="/x">Bridge to close</a></p>` + body +
				`<p><a href="/y">TAYLOR SWIFT CLEARED TO PERFORM HITS AT AMAs</a></p>`,
			nil, []string{"Latest News", "TAYLOR SWIFT"}},
		{"a linked sentence, a linked source and a link inside prose stay",
			`<p><a href="/t">T-Mobile CEO John Legere is stepping down in May 2020.</a></p>` +
				`<p><a href="https://example.org/report/2019.pdf">https://example.org/report/2019.pdf</a></p>` +
				`<p>Residents <strong><a href="/p">are passionate about it</a></strong>, the mayor said.</p>`,
			[]string{"stepping down in May 2020.", "example.org/report/2019.pdf", "Residents are passionate about it, the mayor said."}, nil},
		{"lists made of links",
			body + `<ul><li><a href="/a">Moon Rush: Private Lunar Lander Plans</a></li><li><a href="/b">Where landers will land</a></li><li><a href="/c">Station open for business</a></li></ul>`,
			nil, []string{"Moon Rush", "landers will land"}},
		{"a short list of shop links stays",
			body + `<ul><li><a href="/amazon">Get it on Amazon for $139</a></li><li><a href="/walmart">Also at Walmart</a></li></ul>`,
			[]string{"Get it on Amazon for $139"}, nil},
		{"a list with words besides its links stays",
			body + `<ul><li><a href="/a">Report</a> by the transport ministry, 2019</li><li><a href="/b">Survey</a> of residents</li><li><a href="/c">Map</a> of closures</li></ul>`,
			[]string{"by the transport ministry", "of residents"}, nil},
		{"the title repeated as a heading",
			`<h2>Council closes the old bridge</h2>` + body + `<h2>What happens next</h2>`,
			[]string{"What happens next"}, []string{"Council closes"}},
		{"the page address printed for paper",
			`<p>https://www.example.org/news/bridge-closes.html</p>` + body,
			nil, []string{"example.org"}},
		{"bylines",
			`<p>By Paul Takahashi</p><p>By Justine Coleman - 11/18/19 11:04 PM EST</p><p>Posted by Regan September 15, 2014</p>` + body,
			nil, []string{"Takahashi", "Coleman", "Regan"}},
		{"a byline that starts the lead goes only when it is the whole block",
			`<p>By Jane Doe: the council voted on Tuesday to close the old bridge to cars from March</p><p>By Paul Takahashi and Ann Lee, staff writers</p>` +
				`<p><strong><em>By Aaron Humes</em></strong>: The Americas cannot ignore the risk of further surges, the director warns.</p>` +
				`<p><strong>By Regan Smith</strong></p>`,
			[]string{"By Jane Doe: the council voted on Tuesday to close the old bridge", "By Aaron Humes: The Americas cannot ignore"},
			[]string{"Takahashi", "Regan Smith"}},
		{"the title and the byline as lines of an old page's story cell",
			`<div><span><b>Council closes the old bridge</b></span><br><span>By Harold Pike, Gazette Staff Writer</span><br><br>` +
				`The city council voted on Tuesday to close the old bridge to cars from March.<br><br>` +
				`<b>By Friday</b><br>the river had risen, and <b>the bridge</b> was the headline of every paper.</div>`,
			[]string{"The city council voted", "By Friday", "the river had risen, and the bridge was the headline"},
			[]string{"Council closes", "Harold Pike"}},
		{"read-also boxes and photo credits in German, Spanish, French and Polish",
			body + `<p>Lea también: <a href="/a">Impiden ingreso a reportero</a></p><p>Mire: <a href="/b">El cantante da positivo</a></p>` +
				`<p>À lire aussi</p><ul><li><a href="/c">Le pont ferme</a></li><li><a href="/d">Le bac revient</a></li></ul>` +
				`<p>Czytaj także: <a href="/e">Most zamknięty</a></p><p>Foto: GdP/Hagen Immel</p><p>Crédits photos : Bestimage</p><p>Quelle: Landesregierung</p>` +
				`<p>Anzeige</p><h3>Weiterführende Links</h3><ul><li><a href="/f">Brücke gesperrt</a></li><li><a href="/g">Fähre fährt</a></li></ul>`,
			nil, []string{"Impiden", "cantante", "lire aussi", "pont ferme", "Most zamknięty", "Hagen Immel", "Bestimage", "Landesregierung",
				"Anzeige", "Weiterführende", "Brücke gesperrt"}},
		{"calls to action in German, Spanish and French",
			body + `<p>War der Artikel nützlich?</p><p>Folgen Sie uns auf Twitter und Facebook.</p><p>Síguenos en Instagram.</p><p>Tous droits réservés.</p>`,
			nil, []string{"nützlich", "Folgen Sie", "Síguenos", "droits"}},
		{"paywall teasers, app adverts and lone German labels",
			body + `<p>To view the full story, please subscribe to The Valley Times.</p><p>Subscribe now to our eNATION edition for the full story.</p>` +
				`<p>For the latest stories download the Valley News apps for iOS and Android.</p><p>Kontakt:</p><p>(Noch keine Bewertungen)</p>`,
			nil, []string{"view the full story", "eNATION", "iOS and Android", "Kontakt", "Bewertungen"}},
		{"German bylines and WordPress footers",
			body + `<p>VON Sina Giebel</p><p>This entry was posted in News and tagged bridge.</p><p>Bild via Pixabay</p>`,
			nil, []string{"Giebel", "entry was posted", "Pixabay"}},
		{"German sentences starting with Von stay",
			`<p>Von Montag an ist die Brücke gesperrt.</p><p>Von Berlin aus fahren die Züge weiter.</p>` + body,
			[]string{"Von Montag an", "Von Berlin aus"}, nil},
		{"Spanish sentences starting with mira or lea stay",
			body + `<p>Mira <a href="/m">el informe</a> del consejo y verás por qué.</p><p>Lea <a href="/l">el acuerdo</a> antes de votar.</p>`,
			[]string{"Mira el informe del consejo", "Lea el acuerdo antes de votar."}, nil},
		{"sentences that start with By stay",
			`<p>By Friday, the river had risen two metres.</p><p>By 2030 the bridge will be rebuilt.</p><p>By Christmas, the ferry will sail.</p>`,
			[]string{"By Friday, the river", "By 2030 the bridge", "By Christmas, the ferry"}, nil},
		{"datelines",
			`<p>Published 4:00 am CST, Wednesday, November 20, 2019</p><p>PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019</p>` +
				`<p>November 20, 2019</p><p>segunda-feira, 22 de janeiro de 2018 às 0:13</p>` + body,
			nil, []string{"4:00", "10:48", "2019", "janeiro"}},
		{"updated news and dated sentences stay",
			body + `<p>Updated figures will be published in May 2020.</p><p>On November 20, 2019 the council met again to vote on the budget for the bridge.</p>` +
				`<h3>2020</h3><p>Published 1931 plans show a second deck.</p>`,
			[]string{"Updated figures will be published in May 2020.", "On November 20, 2019 the council met again", "2020", "Published 1931 plans"}, nil},
		{"photo credits",
			`<p>(Image credit: Future/SpaceX/Blue Origin)</p><figcaption>Photo: David Zalubowski, STF / Associated Press</figcaption><p>© Aaron Schwartz</p>` + body,
			nil, []string{"SpaceX", "Zalubowski", "Schwartz"}},
		{"a sentence about copyright stays",
			body + `<p>Copyright law has barely changed since 1976.</p>`,
			[]string{"Copyright law has barely changed since 1976."}, nil},
		{"a caption that names a photographer stays",
			body + `<figure><img src="/a.jpg"><figcaption>The bridge at dawn, photographed by a resident from the east bank.</figcaption></figure>`,
			[]string{"The bridge at dawn"}, nil},
		{"calls to action",
			body + `<p>Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.</p>` +
				`<p>Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.</p>` +
				`<p>Email Tariq Malik or follow him @tariqjmalik.</p><p>Fox News' Jessica Napoli contributed to this report.</p>`,
			nil, []string{"Newsbeat", "breaking news alerts", "tariqjmalik", "Napoli"}},
		{"prose about following, subscribing and writing stays",
			body + `<p>More than two million people follow the mayor on social media, and the council's subscribers doubled.</p>` +
				`<p>Millions follow the mayor on Twitter, where she announced it.</p><p>Few subscribe to the idea that the bridge can be saved.</p>` +
				`<p>Residents can write to the council at bridge@example.org until May.</p>`,
			[]string{"follow the mayor on social media", "Millions follow the mayor on Twitter", "Few subscribe", "write to the council"}, nil},
		{"share bars",
			body + `<p>Whatsapp Facebook Pint Baixar</p><div>فيسبوك تويتر واتساب</div>`,
			nil, []string{"Whatsapp", "فيسبوك"}},
		{"a heading naming one network stays",
			`<h2>Twitter</h2>` + body,
			[]string{"Twitter"}, nil},
		{"new read-also labels",
			body + `<p>DON'T MISS</p><p><a href="/a">Bridge repairs cost £2m</a> <a href="/b">Ferry returns</a></p><p>Leggi anche: <a href="/c">Il ponte chiude</a></p>`,
			nil, []string{"DON'T MISS", "Bridge repairs", "ponte"}},
		{"sentences starting with a label word stay",
			body + `<p>More than <a href="/n">200 people</a> came.</p><p>Also, <a href="/r">the report</a> says so.</p>`,
			[]string{"More than 200 people came.", "Also, the report says so."}, nil},
		{"tags with their list",
			body + `<p>Tags</p><p><a href="/t/bridge">bridge</a>, <a href="/t/council">council</a></p>`,
			nil, []string{"Tags", "council,"}},
	}
	pageURL, _ := url.Parse("https://www.example.org/news/bridge-closes.html")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &job{doc: &Document{}, pageURL: pageURL}
			j.article.Node = articleNode(t, tt.html)
			newCleaner(j, "Council closes the old bridge").clean(j.article.Node)
			blocksStep(j)
			text := strings.Join(strings.Fields(j.doc.Text), " ")
			for _, k := range append(tt.keep, bodyText) {
				if !strings.Contains(text, k) && !(k == bodyText && !strings.Contains(tt.html, bodyText)) {
					t.Errorf("lost %q; text = %q", k, text)
				}
			}
			for _, d := range tt.drop {
				if strings.Contains(text, d) {
					t.Errorf("kept %q; text = %q", d, text)
				}
			}
		})
	}
}

func TestBoilerplateName(t *testing.T) {
	for name, want := range map[string]bool{
		"article__credit": true, "socialIcon": true, "mm_related": true, "entry-byline": true,
		"sdc-article-image__visually-hidden": true, "slide-count": true, "sr-only": true,
		"article__gallery-count": true, "rdf-meta element-hidden": true,
		"shadow-box": false, "header-adjacent": false, "article-body": false, "caption-text": false,
		"headline": false, "loaded": false, "": false, "uploaded-image": false, "count": false,
		// Style modifiers name a real section's look, not its kind.
		"section has-ads": false, "contentNoAds": false, "with-comments": false, "show-author": false,
		"sidebar-ads": true, "live-match-comment": true,
	} {
		if got := boilerplateName(name); got != want {
			t.Errorf("boilerplateName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestCleanPage runs the whole pipeline on a news page whose article node
// holds a navigation bar, class-marked furniture and a gallery: the story
// comes out alone, once, and without the class attributes readability was
// asked to keep for the cleaner.
func TestCleanPage(t *testing.T) {
	const page = `<!DOCTYPE html><html lang="en"><head><title>Council closes the old bridge - Example News</title>
<meta property="og:title" content="Council closes the old bridge"></head><body>
<div class="page-content"><div class="article-content">
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li><li><a href="/sports">Sports</a></li></ul></nav>
<div class="print-header">https://www.example.org/news/bridge-closes.html</div>
<h2 class="headline">Council closes the old bridge</h2>
<p class="byline">By Jane Doe <span class="timestamp">Published 4:00 am CST, Wednesday, November 20, 2019</span></p>
<figure><img src="/bridge.jpg" alt="The bridge"><figcaption class="caption"><div class="caption-full">The old bridge, seen from the east bank in 2018.</div><div class="caption-truncated">The old bridge, seen from the east bank in 2018.</div><span class="credit">Photo: John Smith, AP</span></figcaption></figure>
<div class="slide-count">Image 1 of / 9</div>
<p>The city council voted on Tuesday to close the old bridge to cars from March, ending a debate that has lasted for more than a decade and split the town into two camps.</p>
<p>Engineers told the council that the steel frame, built in 1931, can no longer carry the weight of modern lorries, and that repairs would cost more than a new crossing.</p>
<p>Shopkeepers on the east bank fear that fewer people will come to the market once drivers must go round by the ring road, a detour of almost four kilometres.</p>
<p>The mayor said a footbridge would stay open during the works and that buses would run every ten minutes between the two banks until the new bridge opens.</p>
<div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
<div class="newsletter-signup">Get the latest updates right in your inbox. Subscribe to our newsletters.</div>
<article class="teaser"><h3><a href="/other">Ferry service returns after twenty years</a></h3><p>The ferry will sail again from May.</p></article>
</div></div></body></html>`
	pageURL, _ := url.Parse("https://www.example.org/news/bridge-closes.html")
	d, err := Parse(context.Background(), []byte(page), "text/html; charset=utf-8", pageURL)
	if err != nil {
		t.Fatal(err)
	}
	text := d.Text
	for _, k := range []string{"The city council voted", "Engineers told the council", "Shopkeepers on the east bank",
		"The mayor said a footbridge", "The old bridge, seen from the east bank in 2018."} {
		if !strings.Contains(text, k) {
			t.Errorf("Text lacks %q", k)
		}
	}
	for _, junk := range []string{"Home", "Sports", "example.org", "Jane Doe", "4:00 am", "John Smith", "Image 1",
		"Facebook", "newsletter", "Ferry"} {
		if strings.Contains(text, junk) {
			t.Errorf("Text holds %q:\n%s", junk, text)
		}
	}
	if n := strings.Count(text, "seen from the east bank"); n != 1 {
		t.Errorf("the caption appears %d times: %+v", n, d.Blocks)
	}
	if strings.Contains(strings.ReplaceAll(d.HTML, `class="page"`, ""), "class=") {
		t.Errorf("HTML keeps class attributes: %s", d.HTML)
	}
}

// TestReadabilityTags checks that elements readability renamed or created
// (Data set, DataAtom not) are typed by their new name after cleaning.
func TestReadabilityTags(t *testing.T) {
	j := &job{doc: &Document{}}
	j.article.Node = articleNode(t, `<div>First paragraph, once a div.</div>`)
	div := j.article.Node.FirstChild
	div.Data = "p" // what readability's setNodeTag does
	created := &html.Node{Type: html.ElementNode, Data: "p"}
	created.AppendChild(&html.Node{Type: html.TextNode, Data: "Loose text readability wrapped."})
	j.article.Node.AppendChild(created)
	newCleaner(j, "").clean(j.article.Node)
	if div.DataAtom != atom.P || created.DataAtom != atom.P {
		t.Errorf("atoms = %v, %v; want p, p", div.DataAtom, created.DataAtom)
	}
	blocksStep(j)
	if len(j.doc.Blocks) != 2 {
		t.Errorf("Blocks = %+v, want two paragraphs", j.doc.Blocks)
	}
}

func TestNormaliseSpace(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"already clean":           "already clean",
		"  a \t b  ":              "a b",
		"\u00a0x\u00a0\u00a0y\n":  "x y",
		"\u200b":                  "",
		"\ufeff \u200b ":          "",
		"a\u2028\u2028 b \u2028":  "a\n\nb", // a blank line: a paragraph break
		"a\u2028\u2028\u2028b":    "a\n\nb",
		"\u2028 lead":             "lead",
		"one\u2028two\u2028three": "one\ntwo\nthree",
		"一。\u2028\u3000\u3000二。":  "一。\n\n二。", // an indented Chinese paragraph
		"一\u3000二":                "一 二",
	} {
		if got := normaliseSpace(in); got != want {
			t.Errorf("normaliseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWordCounts(t *testing.T) {
	if n := countWords("one — two · three 4"); n != 4 {
		t.Errorf("countWords = %d, want 4", n)
	}
	if n := countWords("  "); n != 0 {
		t.Errorf("countWords of spaces = %d", n)
	}
	n := articleNode(t, `<p>Hello <b>big</b> world <a href="/x">link words</a> again</p><p>Two<br>more</p>`)
	if got := proseWords(n); got != 6 { // links not counted
		t.Errorf("proseWords = %d, want 4", got)
	}
}

func TestLabel(t *testing.T) {
	for in, want := range map[string]string{
		"  Read \n  also: ":    "read also",
		"\u00a0Share\u200b":    "share",
		"إقرأ أيضاً …":         label("اقرا ايضا"),
		"(Image: GETTY )":      "image: getty",
		"":                     "",
		"…":                    "",
		"DON'T MISS":           "don't miss",
		"Image 1 of\u2028/ 9 ": "image 1 of / 9",
	} {
		if got := label(in); got != want {
			t.Errorf("label(%q) = %q, want %q", in, got, want)
		}
	}
}
