package signer_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// Any Huawei Cloud or Open Telekom Cloud API can be called through a signing transport; here the
// IAM project query, answered by a server that verifies the signature as the gateway does.
func ExampleSigner_RoundTripper() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := signer.Verify(r, func(ak string) (string, bool) { return "EXAMPLESK", ak == "EXAMPLEAK" })
		fmt.Fprint(w, err == nil)
	}))
	defer srv.Close()

	s := signer.New(signer.Keys("EXAMPLEAK", "EXAMPLESK"))
	httpClient := &http.Client{Transport: s.RoundTripper(nil)}
	resp, err := httpClient.Get(srv.URL + "/v3/projects?name=eu-de")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	verified, _ := io.ReadAll(resp.Body)
	fmt.Println("signature verified:", string(verified))
	fmt.Printf("%v\n", s) // secrets stay out of logs
	// Output:
	// signature verified: true
	// {Algorithm:SDK-HMAC-SHA256 AccessKey:EXAMPLEAK SecretKey:[REDACTED] SecurityToken:}
}

// Sign signs a request in place, for clients that build requests by hand.
func ExampleSigner_Sign() {
	req, _ := http.NewRequest(http.MethodGet, "https://dli.eu-de.otc.t-systems.com/v2.0/0123456789abcdef0123456789abcdef/datasource/enhanced-connections", nil)
	req.Header.Set("X-Sdk-Date", "20240315T083000Z") // pinned here; normally the signer stamps the time
	if err := signer.New(signer.Keys("EXAMPLEAK", "EXAMPLESK")).Sign(req); err != nil {
		log.Fatal(err)
	}
	fmt.Println(req.Header.Get("Authorization")[:58])
	// Output:
	// SDK-HMAC-SHA256 Access=EXAMPLEAK, SignedHeaders=x-sdk-date
}
