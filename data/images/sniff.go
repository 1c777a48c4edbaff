package images

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"math"
	"net/http"
	"strconv"
	"strings"

	// Decoders for image.DecodeConfig.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/webp"
)

// The media types Annals keeps, with the extension of their files.
var extensions = map[string]string{
	"image/jpeg":    ".jpg",
	"image/png":     ".png",
	"image/gif":     ".gif",
	"image/webp":    ".webp",
	"image/svg+xml": ".svg",
}

// extOf is the file extension for a kept media type, "" for any other.
func extOf(mime string) string { return extensions[mime] }

type imageInfo struct {
	mime          string
	width, height int
}

// sniff decides from the bytes alone what data is: one of the kept image
// types, with its size when the format says; anything else is an error,
// with info.mime set to what it looked like.
func sniff(data []byte) (imageInfo, error) {
	mt, _, _ := strings.Cut(http.DetectContentType(data), ";")
	info := imageInfo{mime: mt}
	switch mt {
	case "image/jpeg", "image/png", "image/gif", "image/webp":
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
			info.width, info.height = cfg.Width, cfg.Height
		}
		return info, nil
	}
	if strings.HasPrefix(mt, "image/") {
		return info, fmt.Errorf("%s is not a format Annals shows", mt)
	}
	// DetectContentType knows no SVG: it says text/xml, text/plain, or even
	// text/html when the file starts with a comment. The root element decides.
	if w, h, ok := svgRoot(data); ok {
		return imageInfo{mime: "image/svg+xml", width: w, height: h}, nil
	}
	return info, fmt.Errorf("%s is not an image", mt)
}

// svgSniffLen bounds how far sniffing reads for the root element.
const svgSniffLen = 64 << 10

// svgRoot reports whether the document's root element is <svg>, with the
// width and height it declares (from width/height in px, else viewBox).
func svgRoot(data []byte) (w, h int, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(data[:min(len(data), svgSniffLen)]))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	for range 200 {
		tok, err := d.RawToken()
		if err != nil {
			return 0, 0, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !strings.EqualFold(t.Name.Local, "svg") {
				return 0, 0, false
			}
			w, h = svgSize(t.Attr)
			return w, h, true
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return 0, 0, false // text before the root: not an XML document
			}
		}
	}
	return 0, 0, false
}

func svgSize(attrs []xml.Attr) (w, h int) {
	var viewBox string
	for _, a := range attrs {
		switch strings.ToLower(a.Name.Local) {
		case "width":
			w = pixels(a.Value)
		case "height":
			h = pixels(a.Value)
		case "viewbox":
			viewBox = a.Value
		}
	}
	if (w == 0 || h == 0) && viewBox != "" {
		f := strings.FieldsFunc(viewBox, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
		if len(f) == 4 {
			vw, err1 := strconv.ParseFloat(f[2], 64)
			vh, err2 := strconv.ParseFloat(f[3], 64)
			if err1 == nil && err2 == nil && vw > 0 && vh > 0 && vw < 1e6 && vh < 1e6 {
				w, h = int(math.Round(vw)), int(math.Round(vh))
			}
		}
	}
	return w, h
}

// pixels reads "120" or "120px"; other units (%, em, cm) give 0.
func pixels(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v >= 1e6 {
		return 0
	}
	return int(math.Round(v))
}
