package fake

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// projectsAnswer is IAM's answer to GET /v3/projects, as the reference pages show it.
type projectsAnswer struct {
	Projects []struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		DomainID string `json:"domain_id"`
		Enabled  bool   `json:"enabled"`
		Links    struct {
			Self string `json:"self"`
		} `json:"links"`
	} `json:"projects"`
	Links struct {
		Self string `json:"self"`
	} `json:"links"`
}

func listProjects(t *testing.T, r *Running, query string, header http.Header) (answer, projectsAnswer) {
	t.Helper()
	a, err := send(t, http.DefaultClient, http.MethodGet, r.URL()+"/v3/projects"+query, "", header)
	require.NoError(t, err)
	var p projectsAnswer
	if a.status == http.StatusOK {
		require.NoError(t, json.Unmarshal(a.body, &p), "%s", a.body)
	}
	return a, p
}

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

// By default every region of the spec has one project, with a stable id shaped like IAM's.
func TestIAMListsAProjectForEveryRegionByDefault(t *testing.T) {
	r := start(t, Options{})
	for _, region := range wrapper.Regions() {
		a, p := listProjects(t, r, "?name="+region, nil)
		require.Equal(t, http.StatusOK, a.status, "%s: %s", region, a.body)
		require.Len(t, p.Projects, 1, region)
		assert.Equal(t, region, p.Projects[0].Name)
		assert.Equal(t, DefaultProjectID(region), p.Projects[0].ID)
		assert.Regexp(t, hex32, p.Projects[0].ID)
		assert.True(t, p.Projects[0].Enabled)
		assert.Contains(t, p.Projects[0].Links.Self, "/v3/projects/"+p.Projects[0].ID)
		assert.Equal(t, fakeTraceID, a.header.Get("X-IAM-Trace-Id"))
	}
	assert.NotEqual(t, DefaultProjectID("eu-de"), DefaultProjectID("cn-north-4"))

	_, all := listProjects(t, r, "", nil)
	assert.Len(t, all.Projects, len(wrapper.Regions()), "no name filter lists every project")
	_, none := listProjects(t, r, "?name=mars-north-1", nil)
	assert.Empty(t, none.Projects)
	assert.Contains(t, string(mustSend(t, r, http.MethodGet, "/v3/projects?name=mars-north-1", "").body), `"projects":[]`, "an empty list, not null")
}

func TestIAMListsTheConfiguredProjects(t *testing.T) {
	for _, tc := range []struct {
		name     string
		projects []Project
		want     []string
	}{
		{"none", []Project{}, nil},
		{"one", []Project{{ID: "p1", Name: "eu-de"}, {ID: "p2", Name: "cn-north-4"}}, []string{"p1"}},
		{"several", []Project{{ID: "p1", Name: "eu-de"}, {ID: "p3", Name: "eu-de"}}, []string{"p1", "p3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			projects := append([]Project{}, tc.projects...)
			r := start(t, Options{Projects: projects})
			if len(projects) > 0 {
				projects[0].ID = "changed" // the fake keeps its own copy
			}
			a, p := listProjects(t, r, "?name=eu-de", nil)
			require.Equal(t, http.StatusOK, a.status)
			var ids []string
			for _, pr := range p.Projects {
				ids = append(ids, pr.ID)
			}
			assert.Equal(t, tc.want, ids)
		})
	}
}

// With credentials configured, IAM wants a valid signature or token, like the gateway.
func TestIAMChecksCredentials(t *testing.T) {
	const ak, sk = "IAMTESTAK00000000001", "iam-test-secret-key-0000000000000000000"
	r := start(t, Options{Credentials: map[string]string{ak: sk}, Tokens: []string{"good-token"}})
	url := r.URL() + "/v3/projects?name=eu-de"

	a, err := send(t, http.DefaultClient, http.MethodGet, url, "", nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusUnauthorized, a.status)
	var body struct {
		Error struct {
			Code  int    `json:"code"`
			Title string `json:"title"`
		} `json:"error"`
	}
	require.NoError(t, json.Unmarshal(a.body, &body), "%s", a.body)
	assert.Equal(t, http.StatusUnauthorized, body.Error.Code)
	assert.Equal(t, "Unauthorized", body.Error.Title)
	assert.NotContains(t, string(a.body), sk)

	wrong := &http.Client{Transport: signer.New(signer.Keys(ak, "another-secret-key-000000000000000000000")).RoundTripper(nil)}
	a, err = send(t, wrong, http.MethodGet, url, "", nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusUnauthorized, a.status, "a signature with another SK")
	assert.NotContains(t, string(a.body), sk)

	signed := &http.Client{Transport: signer.New(signer.Keys(ak, sk)).RoundTripper(nil)}
	a, err = send(t, signed, http.MethodGet, url, "", nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, a.status, "%s", a.body)

	a, err = send(t, http.DefaultClient, http.MethodGet, url, "", http.Header{"X-Auth-Token": {"good-token"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, a.status, "%s", a.body)
}

func TestIAMServesOnlyGetProjects(t *testing.T) {
	r := start(t, Options{})
	a := mustSend(t, r, http.MethodPost, "/v3/projects", `{}`)
	assert.Equal(t, http.StatusMethodNotAllowed, a.status)
	// Everything else is DLI's: a v3 route path still reaches the DLI stages.
	a = mustSend(t, r, http.MethodGet, "/v3/projects/x", "")
	assert.Equal(t, http.StatusNotFound, a.status)
	code, _ := a.errorBody(t)
	assert.Equal(t, codeNoAPI, code)
	assert.Equal(t, http.StatusOK, mustSend(t, r, http.MethodGet, connsPath(project), "").status)
}

// An OTC project name, <region>_<suffix> of a known region, is found too when Options.Projects
// is nil, with its own stable id under the region's project.
func TestIAMFindsAnOTCProjectByName(t *testing.T) {
	type parent struct {
		Projects []struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			ParentID string `json:"parent_id"`
		} `json:"projects"`
	}
	tests := []struct {
		name     string
		projects []Project
		query    string
		want     string // the id found, "" for none
	}{
		{"a subproject of eu-de", nil, "eu-de_sub", DefaultProjectID("eu-de_sub")},
		{"another suffix, another id", nil, "eu-de_team-b", DefaultProjectID("eu-de_team-b")},
		{"the region itself", nil, "eu-de", DefaultProjectID("eu-de")},
		{"an unknown region", nil, "mars-north-1_sub", ""},
		{"no suffix", nil, "eu-de_", ""},
		{"configured projects only", []Project{{ID: "p1", Name: "eu-de"}}, "eu-de_sub", ""},
		{"a configured subproject", []Project{{ID: "p2", Name: "eu-de_sub"}}, "eu-de_sub", "p2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := start(t, Options{Projects: tt.projects})
			a, p := listProjects(t, r, "?name="+tt.query, nil)
			require.Equal(t, http.StatusOK, a.status, "%s", a.body)
			if tt.want == "" {
				assert.Empty(t, p.Projects)
				return
			}
			require.Len(t, p.Projects, 1)
			assert.Equal(t, tt.want, p.Projects[0].ID)
			assert.Equal(t, tt.query, p.Projects[0].Name)
			assert.Regexp(t, hex32, DefaultProjectID(tt.query))
			if tt.projects == nil && tt.query != "eu-de" {
				var withParent parent
				require.NoError(t, json.Unmarshal(a.body, &withParent))
				assert.Equal(t, DefaultProjectID("eu-de"), withParent.Projects[0].ParentID, "under the region's project")
			}
		})
	}
	r := start(t, Options{})
	_, all := listProjects(t, r, "", nil)
	assert.Len(t, all.Projects, len(wrapper.Regions()), "a listing without a name shows the regions only")
}
