package signer

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSecretEncodesRedactedAndDecodesTheSecret(t *testing.T) {
	type config struct {
		Token Secret `json:"token"`
		Empty Secret `json:"empty"`
	}
	in := config{Token: NewSecret(sigTestToken)}
	js, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"token":"[REDACTED]","empty":""}`, string(js))

	var out config
	require.NoError(t, json.Unmarshal([]byte(`{"token":"t0k3n","empty":""}`), &out))
	assert.Equal(t, "t0k3n", out.Token.Reveal(), "a configuration file can carry a secret")
	assert.False(t, out.Empty.IsSet())
	assert.Error(t, json.Unmarshal([]byte(`{"token":42}`), &out))

	text, err := in.Token.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "[REDACTED]", string(text))
	var fromText Secret
	require.NoError(t, fromText.UnmarshalText([]byte("abc")))
	assert.Equal(t, "abc", fromText.Reveal())
}

func TestSecretZeroEqualAndShown(t *testing.T) {
	var zero Secret
	assert.False(t, zero.IsSet())
	assert.Equal(t, "", zero.Reveal())
	assert.False(t, NewSecret("").IsSet(), "an empty string is no secret")
	assert.True(t, NewSecret("a").Equal(NewSecret("a")))
	assert.False(t, NewSecret("a").Equal(NewSecret("b")))
	assert.True(t, zero.Equal(NewSecret("")))
	assert.Equal(t, "", fmt.Sprint(zero))
	assert.Equal(t, "[REDACTED]", fmt.Sprint(NewSecret("x")))
	assert.Equal(t, `"[REDACTED]"`, fmt.Sprintf("%q", NewSecret("x")))
	assert.Equal(t, `signer.Secret("[REDACTED]")`, fmt.Sprintf("%#v", NewSecret("x")))
	assert.Equal(t, "%!x(signer.Secret=[REDACTED])", fmt.Sprintf("%x", NewSecret("x")))
}
