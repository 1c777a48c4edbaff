package native

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"unicode/utf16"
	"unsafe"
)

// nativeDialogs on Windows: the common dialogs, called through syscall
// (no cgo). They follow the language and direction of Windows itself.
func nativeDialogs() []Dialog { return []Dialog{comdlg{}} }

var (
	comdlg32             = syscall.NewLazyDLL("comdlg32.dll")
	getOpenFileName      = comdlg32.NewProc("GetOpenFileNameW")
	getSaveFileName      = comdlg32.NewProc("GetSaveFileNameW")
	commDlgExtendedError = comdlg32.NewProc("CommDlgExtendedError")
	shell32              = syscall.NewLazyDLL("shell32.dll")
	shBrowseForFolder    = shell32.NewProc("SHBrowseForFolderW")
	shGetPathFromIDList  = shell32.NewProc("SHGetPathFromIDListW")
	ole32                = syscall.NewLazyDLL("ole32.dll")
	coInitializeEx       = ole32.NewProc("CoInitializeEx")
	coUninitialize       = ole32.NewProc("CoUninitialize")
	coTaskMemFree        = ole32.NewProc("CoTaskMemFree")
	user32               = syscall.NewLazyDLL("user32.dll")
	sendMessage          = user32.NewProc("SendMessageW")
	setWindowText        = user32.NewProc("SetWindowTextW")
)

// openFileName is OPENFILENAMEW (commdlg.h); Go's alignment of these
// fields is C's on both 386 and amd64.
type openFileName struct {
	structSize    uint32
	owner         uintptr
	instance      uintptr
	filter        *uint16
	customFilter  *uint16
	maxCustFilter uint32
	filterIndex   uint32
	file          *uint16
	maxFile       uint32
	fileTitle     *uint16
	maxFileTitle  uint32
	initialDir    *uint16
	title         *uint16
	flags         uint32
	fileOffset    uint16
	fileExtension uint16
	defExt        *uint16
	custData      uintptr
	hook          uintptr
	templateName  *uint16
	reserved      uintptr
	reserved2     uint32
	flagsEx       uint32
}

// browseInfo is BROWSEINFOW (shlobj_core.h).
type browseInfo struct {
	owner       uintptr
	root        uintptr
	displayName *uint16
	title       *uint16
	flags       uint32
	callback    uintptr
	param       uintptr
	image       int32
}

const (
	ofnOverwritePrompt = 0x2
	ofnHideReadOnly    = 0x4
	ofnNoChangeDir     = 0x8
	ofnPathMustExist   = 0x800
	ofnFileMustExist   = 0x1000
	ofnExplorer        = 0x80000

	bifReturnOnlyFSDirs = 0x1
	bifEditBox          = 0x10
	bifNewDialogStyle   = 0x40
	bffmInitialized     = 1
	bffmSetSelectionW   = 0x400 + 103 // WM_USER + 103

	coinitApartmentThreaded = 0x2
)

type comdlg struct{}

func (comdlg) Name() string { return "comdlg32" }

func (comdlg) Available() bool { return comdlg32.Load() == nil && shell32.Load() == nil }

func (comdlg) Run(_ context.Context, req Request) (string, error) {
	// The dialogs are COM clients and belong to the thread that opens
	// them, which must stay the same until they close.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if r, _, _ := coInitializeEx.Call(0, coinitApartmentThreaded); int32(r) >= 0 {
		defer coUninitialize.Call()
	}
	if req.Kind == Folder {
		return browseFolder(req)
	}
	return fileDialog(req)
}

func fileDialog(req Request) (string, error) {
	buf := make([]uint16, 32768)
	if req.Kind == Save && req.Name != "" {
		copy(buf[:len(buf)-1], syscall.StringToUTF16(req.Name))
	}
	ofn := openFileName{
		owner:   req.Parent,
		file:    &buf[0],
		maxFile: uint32(len(buf)),
		flags:   ofnExplorer | ofnNoChangeDir | ofnHideReadOnly | ofnPathMustExist,
	}
	ofn.structSize = uint32(unsafe.Sizeof(ofn))
	if f := filterString(req.Filters); f != nil {
		ofn.filter = &f[0]
		ofn.filterIndex = 1
	}
	if req.Title != "" {
		ofn.title = utf16Ptr(req.Title)
	}
	if req.Dir != "" {
		ofn.initialDir = utf16Ptr(req.Dir)
	}
	proc := getOpenFileName
	if req.Kind == Save {
		proc = getSaveFileName
		ofn.flags |= ofnOverwritePrompt
		if len(req.Filters) > 0 && len(req.Filters[0].Exts) > 0 {
			// Windows adds it when the user types a name without one.
			ofn.defExt = utf16Ptr(strings.TrimPrefix(req.Filters[0].Exts[0], "."))
		}
	} else {
		ofn.flags |= ofnFileMustExist
	}
	if r, _, _ := proc.Call(uintptr(unsafe.Pointer(&ofn))); r != 0 {
		return syscall.UTF16ToString(buf), nil
	}
	if code, _, _ := commDlgExtendedError.Call(); code != 0 {
		return "", fmt.Errorf("%w: %s failed with CommDlgExtendedError %#x", ErrUnavailable, proc.Name, code)
	}
	return "", nil // cancelled
}

// browsing is the folder browser's start folder and caption, for its
// callback (one browser at a time: the callback cannot be freed, so it is
// made once and reads these).
var browsing struct {
	sync.Mutex
	dir, title *uint16
}

var browseCallback = syscall.NewCallback(func(hwnd, msg, _, _ uintptr) uintptr {
	if msg == bffmInitialized {
		// The caption is Windows' own "Browse For Folder"; the request's
		// title is the question. The start folder is selected as the
		// dialog opens.
		if browsing.title != nil {
			setWindowText.Call(hwnd, uintptr(unsafe.Pointer(browsing.title)))
		}
		if browsing.dir != nil {
			sendMessage.Call(hwnd, bffmSetSelectionW, 1, uintptr(unsafe.Pointer(browsing.dir)))
		}
	}
	return 0
})

func browseFolder(req Request) (string, error) {
	name := make([]uint16, syscall.MAX_PATH)
	bi := browseInfo{
		owner:       req.Parent,
		displayName: &name[0],
		flags:       bifReturnOnlyFSDirs | bifNewDialogStyle | bifEditBox,
		callback:    browseCallback,
	}
	browsing.Lock()
	defer browsing.Unlock()
	browsing.dir, browsing.title = nil, nil
	if req.Title != "" {
		bi.title = utf16Ptr(req.Title)
		browsing.title = bi.title
	}
	if req.Dir != "" {
		browsing.dir = utf16Ptr(req.Dir)
	}
	pidl, _, _ := shBrowseForFolder.Call(uintptr(unsafe.Pointer(&bi)))
	runtime.KeepAlive(&bi)
	if pidl == 0 {
		return "", nil // cancelled
	}
	defer coTaskMemFree.Call(pidl)
	path := make([]uint16, 32768)
	if r, _, err := shGetPathFromIDList.Call(pidl, uintptr(unsafe.Pointer(&path[0]))); r == 0 {
		return "", fmt.Errorf("the chosen folder has no path: %v", err)
	}
	return syscall.UTF16ToString(path), nil
}

// filterString is the dialogs' filter list: pairs of a name and its
// patterns ("*.html;*.htm"), each ending in NUL, the list in two NULs;
// "All files" last. nil for no filters.
func filterString(filters []Filter) []uint16 {
	if len(filters) == 0 {
		return nil
	}
	var out []uint16
	add := func(s string) { out = append(append(out, utf16.Encode([]rune(s))...), 0) }
	for _, f := range filters {
		add(f.plainLabel())
		add(strings.Join(f.patterns(), ";"))
	}
	add("*.*")
	add("*.*")
	return append(out, 0)
}

func utf16Ptr(s string) *uint16 {
	p, err := syscall.UTF16PtrFromString(s)
	if err != nil { // a NUL inside: drop it rather than show nothing
		p, _ = syscall.UTF16PtrFromString(strings.ReplaceAll(s, "\x00", ""))
	}
	return p
}
