"""Extraction: text → training-compute estimates with their evidence.

``engine.extract`` runs every finder over a paper or model card and picks the primary estimate;
``documents.extract_documents`` applies it to the documents a source hands over with its rows.
"""
