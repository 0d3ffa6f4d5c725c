"""The stages, one module each, named as `explain` names them in every reason:

read → identify → extract (HTML) → site rules → generic rules → captions → template →
headline → comments → fallback → settle → write.

Each stage but read and write is `apply(doc, ctx)`, deciding only blocks still undecided
(unless it protects them); `pipeline.py` is the one place that knows their order.
"""
