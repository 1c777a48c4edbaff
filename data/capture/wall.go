package capture

import (
	"strings"

	"annals/data/textnorm"
)

// wallPhrases are what a cookie wall or a page that draws itself with
// JavaScript says in place of the article, folded with textnorm.Fold.
var wallPhrases = foldList(
	"enable javascript", "javascript is disabled", "javascript must be enabled", "javascript enabled",
	"turn on javascript", "activate javascript", "requires javascript", "javascript is required",
	"browser does not support javascript", "javascript aktivieren", "javascript ist deaktiviert",
	"activer javascript", "activez javascript", "habilitar javascript", "habilite javascript",
	"we use cookies", "accept cookies", "accept all cookies", "cookie settings", "cookie policy",
	"consent to the use of cookies", "wir verwenden cookies", "nutzt cookies", "verwendet cookies",
	"cookies akzeptieren", "alle akzeptieren", "nous utilisons des cookies", "accepter les cookies",
	"utilizamos cookies", "aceptar cookies", "usamos cookies",
	"فعّل جافا سكريبت", "تفعيل جافا سكريبت", "تفعيل الجافا سكريبت", "ملفات تعريف الارتباط",
	"browser is not supported", "update your browser", "checking your browser",
)

// wallWords is the most a wall says: past it, a page that mentions cookies
// or JavaScript is an article about them.
const wallWords = 120

// isWall reports whether text, all that was found on the page, is a cookie
// wall or a "turn on JavaScript" notice rather than an article.
func isWall(text string, words int) bool {
	if words > wallWords {
		return false
	}
	folded := textnorm.Fold(text)
	for _, p := range wallPhrases {
		if strings.Contains(folded, p) {
			return true
		}
	}
	return false
}
