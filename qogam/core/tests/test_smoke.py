def test_sign_in_page_answers_in_each_language(client, db):
    for code in ("kk", "ru", "en"):
        response = client.get(f"/{code}/sign-in/")
        assert response.status_code == 200
        assert response.headers["Content-Language"] == code
