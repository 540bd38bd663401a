"""Streamlit UI pieces for app.py: each module has one job; pure helpers are tested without Streamlit."""
