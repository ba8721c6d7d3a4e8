"""Writing a plan: appending journal records under a lock, atomically."""
