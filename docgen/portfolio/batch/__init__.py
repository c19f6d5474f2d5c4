"""``docgen batch``: every due document of a portfolio, planned, rendered in long-lived workers
(a local process pool or a Dask cluster), reported and resumable.

``run`` drives a batch; ``plan`` decides what each case needs; ``pool`` and ``cluster`` render;
``report`` and ``state`` write what happened and what a resumed run may skip.
"""
