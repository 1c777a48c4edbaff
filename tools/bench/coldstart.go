package main

func runColdStart(root, scratch, db string) {
	skip("cold start: not implemented yet")
}
