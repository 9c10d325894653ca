package wrapper

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// What the gateway answers to a signature it finds expired, as seen in the wild, and 401s that
// are something else.
func TestMeasureSkew(t *testing.T) {
	at := func(s string) time.Time { t, _ := time.Parse(sdkDateLayout, s); return t }
	tests := []struct {
		source  string
		body    string
		date    string // the answer's Date header
		sdkDate string // what the request was signed with
		want    time.Duration
		ok      bool
	}{
		{source: "huaweicloud-sdk-java-v3 issue #44 (AOM, 2021)",
			body:    `{"error_msg":"Incorrect IAM authentication information: calc aksk signature fail:signature expired, signature time:20211217T064303Z,server time:20211217T065804Z","error_code":"APIGW.0301","request_id":"2db4dab3ea3849bcb47b6478738635bd"}`,
			sdkDate: "20211217T064303Z", want: at("20211217T065804Z").Sub(at("20211217T064303Z")), ok: true},
		{source: "terraform-provider-opentelekomcloud issue #3392 (OTC VPC, 2026)",
			body:    `{"error_msg":"Incorrect IAM authentication information: calc aksk signature fail:signature expired, signature time:20260528T092752Z,server time:20260528T094410Z","error_code":"APIGW.0301","request_id":"0fb688fc238981ea543d7b2e35891a10"}`,
			sdkDate: "20260528T092752Z", want: 16*time.Minute + 18*time.Second, ok: true},
		{source: "OTC API Gateway FAQ (APIG.0303, app authentication)",
			body:    `{"error_msg": "Incorrect app authentication information: signature expired, signature time:20230527T000431Z,server time:20230527T020608Z", "error_code": "APIG.0303", "request_id": "fd6530a01c09807640189e65e837b8ad"}`,
			sdkDate: "20230527T000431Z", want: 2*time.Hour + time.Minute + 37*time.Second, ok: true},
		{source: "a gateway clock behind the client's",
			body:    `{"error_msg":"Incorrect IAM authentication information: calc aksk signature fail:signature expired, signature time:20261206T120000Z, server time: 20261206T113000Z","error_code":"APIGW.0301"}`,
			sdkDate: "20261206T120000Z", want: -30 * time.Minute, ok: true},
		{source: "no server time in the message: the Date header",
			body: `{"error_msg":"Incorrect IAM authentication information: signature expired","error_code":"APIGW.0301"}`,
			date: "Sun, 06 Dec 2026 12:20:00 GMT", sdkDate: "20261206T120000Z", want: 20 * time.Minute, ok: true},
		{source: "ddns-go issue #844: an unknown AK is no skew",
			body:    `{"error_msg":"Incorrect IAM authentication information: ak LTAI5tDvssj9BBMtAGT3HoTT not exist","error_code":"APIGW.0301","request_id":"8080d377bffeb6d519b0567c09cebe6b"}`,
			sdkDate: "20230908T095224Z"},
		{source: "huaweicloud-sdk-nodejs-v3 issue #2: a wrong signature is no skew",
			body: `{"error_msg":"Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:DELETE|/v2/...","error_code":"APIGW.0301"}`,
			date: "Tue, 24 Aug 2021 02:55:49 GMT", sdkDate: "20210824T025548Z"},
		{source: "expired, but neither a server time nor a Date header",
			body: `{"error_msg":"signature expired","error_code":"APIGW.0301"}`, sdkDate: "20261206T120000Z"},
	}
	for _, tc := range tests {
		t.Run(tc.source, func(t *testing.T) {
			body := []byte(tc.body)
			h := http.Header{}
			if tc.date != "" {
				h.Set("Date", tc.date)
			}
			got, ok := measureSkew(answer{status: http.StatusUnauthorized, header: h, body: &body, sdkDate: tc.sdkDate})
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
	body := []byte(tests[0].body)
	_, ok := measureSkew(answer{status: http.StatusForbidden, header: http.Header{}, body: &body, sdkDate: tests[0].sdkDate})
	assert.False(t, ok, "only a 401 is a refused signature")
}
