package capture

import (
	"context"

	log "github.com/sirupsen/logrus"
)

type loggerKey struct{}

// WithLogger returns ctx carrying logger: capture logs what it does for
// that context there (responses, the steps' timings, a recovered panic with
// its stack), so the library's caller sees it in its own log file rather
// than on logrus's global logger, which nobody writes to a file.
func WithLogger(ctx context.Context, logger *log.Logger) context.Context {
	if logger == nil {
		return ctx
	}
	return context.WithValue(ctx, loggerKey{}, logger)
}

// loggerOf is the logger ctx carries; without one, logrus's standard
// logger (stderr), for tools that call capture directly.
func loggerOf(ctx context.Context) *log.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*log.Logger); ok {
		return l
	}
	return log.StandardLogger()
}
