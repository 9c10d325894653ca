// Package iamerror reads the error answers of IAM and the other platform services of Huawei
// Cloud and Open Telekom Cloud, which come in two shapes: Keystone's
// {"error": {"code", "title", "message"}} and Huawei's {"error_code", "error_msg"}. The project
// lookup (package wrapper) and the credential sources (package credentials) both read them.
package iamerror

import "encoding/json"

// Parse returns the code and message of an error answer; ok is false when the body is in
// neither shape. Keystone's title ("Unauthorized") is the code when it has one, else its
// numeric code.
func Parse(body []byte) (code, message string, ok bool) {
	var b struct {
		Error *struct {
			Code    json.Number `json:"code"`
			Title   string      `json:"title"`
			Message string      `json:"message"`
		} `json:"error"`
		ErrorCode string `json:"error_code"`
		ErrorMsg  string `json:"error_msg"`
	}
	if json.Unmarshal(body, &b) != nil {
		return "", "", false
	}
	switch {
	case b.Error != nil:
		code = b.Error.Title
		if code == "" {
			code = string(b.Error.Code)
		}
		return code, b.Error.Message, true
	case b.ErrorCode != "" || b.ErrorMsg != "":
		return b.ErrorCode, b.ErrorMsg, true
	}
	return "", "", false
}
