package enhancedconnections

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
)

// README's Credentials section is written by hand; every variable the chain reads must be named
// there, so that a variable added to wrapper/credentials fails here until README says what it is.
func TestReadmeNamesEveryCredentialsVariable(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	_, section, found := strings.Cut(string(readme), "\n## Credentials\n")
	require.True(t, found, "README.md has a section ## Credentials")
	section, _, _ = strings.Cut(section, "\n## ")
	for _, v := range append(credentials.Variables(), "HW_ACCESS_KEY", "OS_PASSWORD", "OS_TOKEN") {
		assert.Contains(t, section, "`"+v, "README.md's Credentials section does not name %s (wrapper/credentials reads it)", v)
	}
}
