"""Reading a plan: bytes → TOML → model → rules, behind one front door.

The stage owns finding and reading the file, building the records
(:mod:`.model`), the parse cache, the rules that judge a plan and the JSON
Schema of the file.
"""
