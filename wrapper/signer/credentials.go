package signer

// Credentials are the AK/SK pair, and for temporary credentials (STS, agencies) the security
// token, of a Huawei Cloud or Open Telekom Cloud IAM user.
//
// The secret parts are Secrets, so a Credentials value, or any struct holding one in an exported
// or unexported field, prints, logs and encodes with them redacted.
type Credentials struct {
	// AccessKey (AK) names the key pair. It travels in clear in every Authorization header, so it
	// is not treated as secret.
	AccessKey string
	// SecretKey (SK) keys the HMAC; it never leaves the process, only signatures made with it do.
	SecretKey Secret
	// SecurityToken is set only for temporary credentials. The gateway needs it in the signed
	// X-Security-Token header; it authorises requests on its own for its lifetime, so it is as
	// sensitive as the SK.
	SecurityToken Secret
}

// Keys returns permanent credentials for an AK/SK pair.
func Keys(accessKey, secretKey string) Credentials {
	return Credentials{AccessKey: accessKey, SecretKey: NewSecret(secretKey)}
}

// TemporaryKeys returns temporary credentials: an AK/SK pair with the security token it was
// issued with.
func TemporaryKeys(accessKey, secretKey, securityToken string) Credentials {
	return Credentials{AccessKey: accessKey, SecretKey: NewSecret(secretKey), SecurityToken: NewSecret(securityToken)}
}

// IsZero reports whether no credential at all is set.
func (c Credentials) IsZero() bool {
	return c.AccessKey == "" && !c.SecretKey.IsSet() && !c.SecurityToken.IsSet()
}
