import os

# Tests run two notebooks at a time (pytest -n 2 on 2 cores): one BLAS/OpenMP thread per worker avoids oversubscription,
# which slows multi-threaded LAPACK calls by 10x and more. Set before any notebook imports numpy or torch.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TQDM_DISABLE", "1")
