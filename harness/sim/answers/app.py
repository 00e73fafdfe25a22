"""A minimal FastAPI service with a health check."""

from typing import Dict

from fastapi import FastAPI

app = FastAPI(title="Health check service")


@app.get("/health")
def health() -> Dict[str, str]:
    """Report that the service is up."""
    return {"status": "ok"}
