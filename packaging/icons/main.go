// Command icons writes the application icon in the hicolor theme's sizes,
// resized from the 512×512 source with a Catmull-Rom filter, so packaging
// needs no image tools beyond Go.
//
//	go run ./packaging/icons -src assets/icon.png -svg assets/icon.svg -out dist/linux/icons -name app.annals.reader
package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"
)

// sizes are the hicolor sizes desktops look for (the 512 one is the source).
var sizes = []int{16, 24, 32, 48, 64, 128, 256, 512}

func main() {
	src := flag.String("src", "assets/icon.png", "source PNG (square)")
	svg := flag.String("svg", "", "optional SVG source, installed as the scalable icon")
	out := flag.String("out", "dist/linux/icons", "output folder (hicolor/<size>/apps/<name>.png is written below it)")
	name := flag.String("name", "app.annals.reader", "icon name (the application ID)")
	ico := flag.String("ico", "", "if set, write a Windows .ico here instead of the hicolor tree")
	flag.Parse()
	var err error
	if *ico != "" {
		err = writeICOFile(*src, *ico)
	} else {
		err = run(*src, *svg, *out, *name)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "icons:", err)
		os.Exit(1)
	}
}

func run(src, svg, out, name string) error {
	img, err := load(src)
	if err != nil {
		return err
	}
	for _, s := range sizes {
		dst := resize(img, s)
		path := filepath.Join(out, "hicolor", fmt.Sprintf("%dx%d", s, s), "apps", name+".png")
		if err := writePNG(path, dst); err != nil {
			return err
		}
	}
	if svg != "" {
		path := filepath.Join(out, "hicolor", "scalable", "apps", name+".svg")
		if err := copyFile(svg, path); err != nil {
			return err
		}
	}
	return nil
}

func load(src string) (image.Image, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src, err)
	}
	if b := img.Bounds(); b.Dx() != b.Dy() {
		return nil, fmt.Errorf("%s is %dx%d, not square", src, b.Dx(), b.Dy())
	}
	return img, nil
}

// resize returns img scaled to s×s as non-premultiplied RGBA.
func resize(img image.Image, s int) *image.NRGBA {
	b := img.Bounds()
	dst := image.NewNRGBA(image.Rect(0, 0, s, s))
	if s == b.Dx() {
		draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	} else {
		draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	}
	return dst
}

// icoSizes are the images in the Windows icon (installer, shortcuts).
var icoSizes = []int{16, 24, 32, 48, 64, 128, 256}

// writeICOFile writes an .ico whose images are uncompressed 32-bit BGRA
// bitmaps (with an all-zero AND mask), the form every Windows version and
// NSIS read.
func writeICOFile(src, to string) error {
	img, err := load(src)
	if err != nil {
		return err
	}
	var dir, data []byte
	le16 := func(b []byte, v int) []byte { return append(b, byte(v), byte(v>>8)) }
	le32 := func(b []byte, v int) []byte { return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24)) }
	dir = le16(dir, 0)
	dir = le16(dir, 1) // type: icon
	dir = le16(dir, len(icoSizes))
	offset := 6 + 16*len(icoSizes)
	for _, s := range icoSizes {
		px := resize(img, s)
		maskStride := ((s + 31) / 32) * 4
		var bmp []byte
		bmp = le32(bmp, 40)
		bmp = le32(bmp, s)
		bmp = le32(bmp, 2*s) // XOR bitmap + AND mask
		bmp = le16(bmp, 1)
		bmp = le16(bmp, 32)
		bmp = le32(bmp, 0) // BI_RGB
		bmp = le32(bmp, s*s*4+maskStride*s)
		bmp = le32(bmp, 0)
		bmp = le32(bmp, 0)
		bmp = le32(bmp, 0)
		bmp = le32(bmp, 0)
		for y := s - 1; y >= 0; y-- { // bottom-up rows
			for x := 0; x < s; x++ {
				c := px.NRGBAAt(x, y)
				bmp = append(bmp, c.B, c.G, c.R, c.A)
			}
		}
		bmp = append(bmp, make([]byte, maskStride*s)...)
		dim := byte(s)
		if s >= 256 {
			dim = 0 // 0 means 256
		}
		dir = append(dir, dim, dim, 0, 0)
		dir = le16(dir, 1)  // planes
		dir = le16(dir, 32) // bits per pixel
		dir = le32(dir, len(bmp))
		dir = le32(dir, offset)
		offset += len(bmp)
		data = append(data, bmp...)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, append(dir, data...), 0o644)
}

func writePNG(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func copyFile(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	outF, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(outF, in); err != nil {
		outF.Close()
		return err
	}
	return outF.Close()
}
