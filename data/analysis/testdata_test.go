package analysis

// seedPath is the seed article's text, committed beside its page in
// assets/samples so the tests run on any clone.
const seedPath = "../../assets/samples/majalla-china-ai.txt"
