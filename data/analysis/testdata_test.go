package analysis

// seedPath is the seed article shared by the project (../shared relative to
// the repository root); tests skip when it is absent.
const seedPath = "../../../shared/fixtures/seed/majalla-china-ai.txt"
