"""The report's sections, one module per group; each factory takes the edition's ``Context``
and returns a ``Section`` (or None when the data has nothing for it)."""
