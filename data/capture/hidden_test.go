package capture

import (
	"context"
	"strings"
	"testing"
)

func TestHiddenDialogsDoNotOutscoreTheArticle(t *testing.T) {
	var errs strings.Builder
	for _, m := range []string{
		"There is no account for this e-mail address, or the password is wrong; please try again.",
		"Please choose the name you want to show to other readers when you write a comment.",
		"This e-mail address is already registered with us; are you perhaps already signed in?",
		"The password must be at least eight characters long and hold at least one capital letter.",
		"The password must hold at least one small letter, one number and one sign such as a comma.",
		"Please agree to our terms of use and to our privacy policy before you open an account.",
	} {
		errs.WriteString("<p>" + m + "</p>")
	}
	var menu strings.Builder
	for i := range 30 {
		menu.WriteString(`<li><a href="/s/` + strings.Repeat("x", i+1) + `">Sport, culture, politics and the weather in your region</a></li>`)
	}
	story := `<nav><ul>` + menu.String() + `</ul></nav><p>New York is the centre of the pandemic in the United States, and sport has come to a standstill there too.</p>` +
		`<p>The leagues grieve with the city; players have given money to the hospitals of the Bronx and of Queens.</p>`
	for name, page := range map[string]string{
		"login modal":     `<html><body><article class="login-modal dark-modal"><form>` + errs.String() + `</form></article><div class="box article modal-enabled"><h1>Sport stands still</h1>` + story + `</div></body></html>`,
		"hidden overlay":  `<html><body><div class="overlay is-hidden"><div class="contact-content">` + errs.String() + `</div></div><main><h1>Sport stands still</h1>` + story + `</main></body></html>`,
		"role dialog":     `<html><body><div role="dialog">` + errs.String() + `</div><main><h1>Sport stands still</h1>` + story + `</main></body></html>`,
		"dialog element":  `<html><body><dialog>` + errs.String() + `</dialog><main><h1>Sport stands still</h1>` + story + `</main></body></html>`,
		"modal-open body": `<html><body class="modal"><main><h1>Sport stands still</h1>` + story + `</main></body></html>`,
	} {
		t.Run(name, func(t *testing.T) {
			doc, err := Parse(context.Background(), []byte(page), "text/html", nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(doc.Text, "sport has come to a standstill") || strings.Contains(doc.Text, "password") {
				t.Errorf("text = %q", doc.Text)
			}
		})
	}
}

func TestBannersAreNotTheArticle(t *testing.T) {
	// The banner says more than the short story, so readability would pick it.
	banner := `<div class="browser-warning"><p>Dein Browser ist leider veraltet, und manche Teile dieser Seite werden darum nicht richtig angezeigt, auch die Bilder nicht.</p>` +
		`<p>Lade für ein besseres Erlebnis einen neueren Browser kostenfrei herunter, please update your browser, es dauert nur wenige Minuten.</p>` +
		`<p>Klicke dafür einfach auf das Symbol deines Lieblingsbrowsers, die Installation startet dann von selbst, und danach geht es weiter.</p></div>`
	story := `<div class="text"><p>Unabhängig von Größe und Stil kannst du eine runde Tischdecke selbst nähen.</p>` +
		`<p>Miss zuerst den Durchmesser, das Maß quer über die Mitte.</p></div>`
	doc, err := Parse(context.Background(), []byte(`<html><body>`+banner+story+`</body></html>`), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc.Text, "veraltet") || !strings.Contains(doc.Text, "runde Tischdecke") {
		t.Errorf("text = %q", doc.Text)
	}
	// Only the banner: the page needs its browser.
	_, err = Parse(context.Background(), []byte(`<html><body>`+banner+`</body></html>`), "text/html", nil)
	if err == nil || !strings.Contains(err.Error(), "needs its browser") {
		t.Errorf("banner alone: err = %v", err)
	}
}
