"""Where extraction runs: in this process, a local process pool, or a Dask cluster."""
