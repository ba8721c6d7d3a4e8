"""The status report for cron and people: Markdown, HTML, CSV, and their shared tables."""
