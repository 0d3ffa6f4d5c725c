"""The fallback's model: line features (features.py) and the classifier with its HMM (classifier.py)."""
