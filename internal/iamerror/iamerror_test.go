package iamerror

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		body, code, message string
		ok                  bool
	}{
		// Keystone's shape, as IAM's v3 API answers (and the fake's IAM writes it).
		{`{"error":{"code":401,"title":"Unauthorized","message":"The request you have made requires authentication."}}`, "Unauthorized", "The request you have made requires authentication.", true},
		{`{"error":{"code":404,"message":"Could not find project."}}`, "404", "Could not find project.", true},
		// Huawei's shape (seen in huaweicloud-sdk-go-v3's tests and OIDC exchange answers).
		{`{"error_code":"IAM.0002","error_msg":"The identity provider does not exist."}`, "IAM.0002", "The identity provider does not exist.", true},
		{`{"something":"else"}`, "", "", false},
		{`<html>Bad Gateway</html>`, "", "", false},
	}
	for _, tc := range tests {
		code, msg, ok := Parse([]byte(tc.body))
		if code != tc.code || msg != tc.message || ok != tc.ok {
			t.Errorf("Parse(%s) = %q, %q, %v; want %q, %q, %v", tc.body, code, msg, ok, tc.code, tc.message, tc.ok)
		}
	}
}
