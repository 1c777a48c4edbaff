package main

import "testing"

// The entities split dev6 (testdata/unseen_gold_dev6.json, pages chosen by
// the SHA-256 of "dev6:" and their ids, topics the earlier splits have few
// of first): the same checks as dev4's and dev5's.
func TestUnseenGoldDev6(t *testing.T) {
	checkEntitiesSplit(t, "unseen_gold_dev6.json", "dev6", 8)
}
