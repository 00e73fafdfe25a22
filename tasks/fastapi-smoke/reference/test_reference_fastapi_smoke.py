"""Hidden reference tests for the FastAPI smoke task (never shown to the model)."""


def test_health_answers_200(client):
    response = client.get("/health")
    assert response.status_code == 200, f"GET /health gave {response.status_code}: {response.text[:200]}"


def test_health_body_is_a_json_object(client):
    response = client.get("/health")
    body = response.json()
    assert isinstance(body, dict), f"GET /health body is {type(body).__name__}, expected a JSON object"


def test_health_content_type_is_json(client):
    response = client.get("/health")
    content_type = response.headers.get("content-type", "")
    assert content_type.startswith("application/json"), f"content-type is {content_type!r}"


def test_unknown_route_is_404(client):
    response = client.get("/definitely-not-a-route-7f3a")
    assert response.status_code == 404
