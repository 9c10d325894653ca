package fake

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// The two spellings of temporary credentials that the vendor SDK reads
// (internal.Credential.UnmarshalJSON): the metadata service and IAM write the first, pod
// identity the second. Each comes with the time layout of its source: microseconds in the
// first, as IAM's pages and the metadata service show them, whole seconds in the second.
type (
	credentialSnake struct {
		Access        string `json:"access"`
		Secret        string `json:"secret"`
		SecurityToken string `json:"securitytoken"`
		ExpiresAt     string `json:"expires_at"`
	}
	credentialCamel struct {
		AccessKeyID     string `json:"accessKeyId"`
		SecretAccessKey string `json:"secretAccessKey"`
		SecurityToken   string `json:"securityToken"`
		Expiration      string `json:"expiration"`
	}
)

// Time layouts of the two spellings, UTC.
const (
	snakeTimeLayout = "2006-01-02T15:04:05.000000Z"
	camelTimeLayout = "2006-01-02T15:04:05Z"
)

// credentialJSON is key in the snake spelling (or the camel one).
func credentialJSON(key tempKey, camel bool) any {
	if camel {
		return credentialCamel{
			AccessKeyID: key.AccessKey, SecretAccessKey: key.secretKey, SecurityToken: key.securityToken,
			Expiration: key.Expires.UTC().Format(camelTimeLayout),
		}
	}
	return credentialSnake{
		Access: key.AccessKey, Secret: key.secretKey, SecurityToken: key.securityToken,
		ExpiresAt: key.Expires.UTC().Format(snakeTimeLayout),
	}
}

// writeCredential answers status with {"<wrapper>": <key in its spelling>}.
func writeCredential(w http.ResponseWriter, status int, wrapper string, key tempKey, camel bool) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(map[string]any{wrapper: credentialJSON(key, camel)}); err != nil {
		writePlainError(w, http.StatusInternalServerError, "cannot encode the answer")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}
