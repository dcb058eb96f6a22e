"""What every PDF report shares: fonts, styles, the page template, tables and charts."""
