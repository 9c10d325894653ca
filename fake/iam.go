package fake

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// Project is an IAM project that the fake's IAM lists: a client without a project id finds its
// region's project with GET /v3/projects?name=<region> (or an OTC project name,
// <region>_<suffix>).
type Project struct {
	ID   string
	Name string // the region id, e.g. "eu-de"
}

// IAMLookupOperationID is the OperationID of the IAM project lookup in RecordedRequest and the
// request log. It is no operation of the spec: it is the vendor SDK's IAM name for
// GET /v3/projects.
const IAMLookupOperationID = "KeystoneListProjects"

// iamProjectsPath is the one IAM API the fake answers, the one clients use to find a project id.
const iamProjectsPath = "/v3/projects"

// DefaultProjectID is the id of the project the fake's IAM lists for region when
// Options.Projects is nil: 32 hexadecimal characters derived from the region, like a real id,
// and the same in every run. An OTC project name such as "eu-de_sub" gets its own id the same
// way.
func DefaultProjectID(region string) string {
	sum := sha256.Sum256([]byte("fake-iam-project:" + region))
	return hex.EncodeToString(sum[:16])
}

// defaultProjects is one project per region of the spec's servers.
func defaultProjects() []Project {
	regions := wrapper.Regions()
	out := make([]Project, len(regions))
	for i, r := range regions {
		out[i] = Project{ID: DefaultProjectID(r), Name: r}
	}
	return out
}

// iamStage answers GET /v3/projects the way IAM does (the answer shape of the reference pages'
// "Obtaining a Project ID"), so that a client without a configured project id can find it
// against the fake; every other request goes on to the DLI stages. IAM checks the same
// credentials as the gateway: when the fake requires authentication, the request must carry a
// valid AK/SK signature (a temporary key with its security token) or token. While IAM is down
// (SetOutage) it answers 503.
func (s *Server) iamStage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != iamProjectsPath {
			next.ServeHTTP(w, r)
			return
		}
		// Recorded and logged like a DLI call, so that a lookup shows in Requests and in --log.
		s.obs.setOperation(infoFrom(r.Context()).rec, IAMLookupOperationID)
		if s.platform.isDown(IAM) {
			writeOutage(w, IAM)
			return
		}
		if r.Method != http.MethodGet {
			writeIAMError(w, http.StatusMethodNotAllowed, "Method Not Allowed", "only GET is served on "+iamProjectsPath)
			return
		}
		if s.auth.required() {
			if reason := s.auth.check(r); reason != "" {
				writeIAMError(w, http.StatusUnauthorized, "Unauthorized", "The request you have made requires authentication: "+reason)
				return
			}
		}
		s.obs.called(IAMLookupOperationID)
		name, filtered := r.URL.Query()["name"]
		base := "http://" + r.Host + iamProjectsPath
		projects := make([]iamProject, 0, len(s.opts.Projects))
		for _, p := range s.opts.Projects {
			if filtered && !(len(name) == 1 && p.Name == name[0]) {
				continue
			}
			projects = append(projects, iamProject{
				DomainID: fakeDomainID, ParentID: fakeDomainID, Name: p.Name, ID: p.ID, Enabled: true,
				Links: iamLinks{Self: base + "/" + p.ID},
			})
		}
		if filtered && len(name) == 1 && len(projects) == 0 && s.regionSubprojects {
			if region, ok := subprojectRegion(name[0]); ok {
				id := DefaultProjectID(name[0])
				projects = append(projects, iamProject{
					DomainID: fakeDomainID, ParentID: DefaultProjectID(region), Name: name[0], ID: id, Enabled: true,
					Links: iamLinks{Self: base + "/" + id},
				})
			}
		}
		self := base
		if r.URL.RawQuery != "" {
			self += "?" + r.URL.RawQuery
		}
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(iamProjectList{Projects: projects, Links: iamLinks{Self: self}}); err != nil {
			writeIAMError(w, http.StatusInternalServerError, "Internal Server Error", "cannot encode the answer")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-IAM-Trace-Id", fakeTraceID)
		_, _ = buf.WriteTo(w)
	})
}

// subprojectRegion reads an OTC project name, <region>_<suffix> with a region of the spec and a
// non-empty suffix, and returns its region.
func subprojectRegion(name string) (string, bool) {
	region, suffix, ok := strings.Cut(name, "_")
	if !ok || suffix == "" || !slices.Contains(wrapper.Regions(), region) {
		return "", false
	}
	return region, true
}

// fakeTraceID is the X-IAM-Trace-Id of every answer of the fake's IAM.
const fakeTraceID = "fake-iam-trace"

// fakeDomainID is the account (domain) every project of the fake belongs to.
const fakeDomainID = "65382450e8f64ac0870cd180d14e684b"

type iamProjectList struct {
	Projects []iamProject `json:"projects"`
	Links    iamLinks     `json:"links"`
}

type iamProject struct {
	DomainID    string   `json:"domain_id"`
	IsDomain    bool     `json:"is_domain"`
	ParentID    string   `json:"parent_id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Links       iamLinks `json:"links"`
	ID          string   `json:"id"`
	Enabled     bool     `json:"enabled"`
}

type iamLinks struct {
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Self     string  `json:"self"`
}

// writeIAMError writes Keystone's error body, which IAM's v3 API answers with.
func writeIAMError(w http.ResponseWriter, status int, title, msg string) {
	var body struct {
		Error struct {
			Code    int    `json:"code"`
			Title   string `json:"title"`
			Message string `json:"message"`
		} `json:"error"`
	}
	body.Error.Code, body.Error.Title, body.Error.Message = status, title, msg
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
