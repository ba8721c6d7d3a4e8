"""Renderers: each turns core values into one kind of output, and does nothing else."""
