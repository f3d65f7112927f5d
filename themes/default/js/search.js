// Directory search.
