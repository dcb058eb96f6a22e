"""The budget view: the grid, its versions, medelstilldelning, utfall import and Excel export."""
