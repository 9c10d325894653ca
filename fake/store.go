package fake

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// store holds every connection of every project. One mutex guards it all: the emulator handles
// test traffic, where simple and obviously race-free beats throughput.
type store struct {
	mu    sync.Mutex
	now   func() time.Time
	delay time.Duration

	byID      map[string]*connection   // every connection, deleted ones included
	byProject map[string][]*connection // per project, in creation order (clocks may repeat or go back)
	failing   map[string]string        // queue or pool name -> err_msg of its next peerings
}

// connection is one enhanced connection as the service keeps it.
type connection struct {
	id, project, name string
	// echo is what the create sent of the fields an answer repeats by name (dest_vpc_id, ...),
	// as JSON: the answers start from it, so that a field added to both the create body and the
	// answer in the spec is answered without a change here.
	echo            []byte
	created         time.Time
	deleted         bool
	queues, pools   []*peering
	hosts           []gen.Host
	tags            []gen.Tag
	routes          []*route
	grantedProjects []string
}

func newStore(now func() time.Time, delay time.Duration) *store {
	return &store{
		now:       now,
		delay:     delay,
		byID:      make(map[string]*connection),
		byProject: make(map[string][]*connection),
		failing:   make(map[string]string),
	}
}

// live returns a connection of project that is not deleted, or the service's "does not exist".
// Callers hold s.mu.
func (s *store) live(project, id string) (*connection, *dliError) {
	c, ok := s.byID[strings.ToLower(id)]
	if !ok || c.project != project || c.deleted {
		return nil, notExist(id)
	}
	return c, nil
}

// create adds a connection and returns its id and the service's message.
func (s *store) create(project string, req *gen.CreateEnhancedConnectionRequest) (id, message string, err *dliError) {
	names, err := checkBindingNames(req.Queues, req.ElasticResourcePools)
	if err != nil {
		return "", "", err
	}
	if err := checkUniqueKeys(req.Tags); err != nil {
		return "", "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.byProject[project] {
		if !c.deleted && c.name == req.Name {
			return "", "", &dliError{code: codeExists, msg: "Connection name " + req.Name + " already exists."}
		}
	}
	now := s.now()
	echo, err := echoOf(req)
	if err != nil {
		return "", "", err
	}
	c := &connection{
		id:      uuid.NewString(),
		project: project,
		name:    req.Name,
		echo:    echo,
		created: now,
		hosts:   slices.Clone(req.Hosts),
		tags:    slices.Clone(req.Tags),
	}
	c.queues = s.newPeerings(req.Queues, now)
	c.pools = s.newPeerings(req.ElasticResourcePools, now)
	s.byID[c.id] = c
	s.byProject[project] = append(s.byProject[project], c)
	return c.id, "Create peer connection for queues:" + names, nil
}

// updateHosts replaces the whole host list, as the PUT does.
func (s *store) updateHosts(project, id string, hosts []gen.Host) *dliError {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(project, id)
	if err != nil {
		return err
	}
	c.hosts = slices.Clone(hosts)
	return nil
}

// remove marks a connection deleted; it stays visible to Show and to List with status=DELETED.
func (s *store) remove(project, id string, refuseWhileCreating bool) *dliError {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(project, id)
	if err != nil {
		return err
	}
	if refuseWhileCreating {
		now := s.now()
		for _, p := range slices.Concat(c.queues, c.pools) {
			if p.state(now, s.delay).status == gen.PeerCreating {
				return &dliError{code: codeUnsupported, msg: "Connection " + c.id + " is still being created and cannot be deleted."}
			}
		}
	}
	c.deleted = true
	return nil
}

// show returns a connection of project, deleted or not.
func (s *store) show(project, id string) (gen.EnhancedConnection, *dliError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.byID[strings.ToLower(id)]
	if !ok || c.project != project {
		return gen.EnhancedConnection{}, notExist(id)
	}
	return c.view(s.now(), s.delay), nil
}

// privileges returns the projects granted access to a live connection of project.
func (s *store) privileges(project, id string) (connID string, privs []gen.ProjectPrivilege, err *dliError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(project, id)
	if err != nil {
		return "", nil, err
	}
	privs = make([]gen.ProjectPrivilege, 0, len(c.grantedProjects))
	for _, p := range c.grantedProjects {
		privs = append(privs, gen.ProjectPrivilege{
			Object:             "edsconnections." + c.id,
			ApplicantProjectID: p,
			Privileges:         []string{"BIND_QUEUE"},
		})
	}
	return c.id, privs, nil
}

// grant records that project may bind queues to the connection; granting twice is harmless.
func (s *store) grant(id, project string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.byID[strings.ToLower(id)]
	if !ok || c.deleted {
		return false
	}
	c.setGrant(project, true)
	return true
}

// liveCount is the number of connections of project that are not deleted.
func (s *store) liveCount(project string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.byProject[project] {
		if !c.deleted {
			n++
		}
	}
	return n
}

// ptr returns a pointer to a copy of v, for the optional fields of the generated types.
func ptr[T any](v T) *T { return &v }
