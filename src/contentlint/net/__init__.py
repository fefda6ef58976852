"""The network: the HTTP checker, remote documents, the URL cache; imports links/, document/ and the leaves."""
