"""One spider per partner network; each module's name is the network's registry slug."""
