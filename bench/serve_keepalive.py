#!/usr/bin/env python3
"""Keep-alive load on a running `newsdex serve`: 8 clients, 100 requests each, cycling a word
search, a phrase, people and a person filter; prints req/s, p50 and p95.
usage: bench/serve_keepalive.py PORT  (e.g. after `newsdex serve --index I --bind 127.0.0.1:7811`)"""
import http.client, threading, time, sys, statistics
port=int(sys.argv[1]); paths=["/api/search?q=minister&limit=10","/api/search?q=%22said%20it%20would%22&limit=10","/api/people?q=election","/api/search?q=bank&person=Gordon%20Brown"]
lat=[]; lock=threading.Lock()
def run():
    c=http.client.HTTPConnection("127.0.0.1",port,timeout=30)
    for i in range(100):
        p=paths[i%len(paths)]; t=time.perf_counter(); c.request("GET",p); r=c.getresponse(); r.read(); assert r.status==200,(r.status,p)
        with lock: lat.append(time.perf_counter()-t)
t=time.perf_counter(); ts=[threading.Thread(target=run) for _ in range(8)]
[x.start() for x in ts]; [x.join() for x in ts]
w=time.perf_counter()-t; lat.sort()
print(f"{len(lat)} requests in {w:.2f}s = {len(lat)/w:.0f}/s, p50 {lat[len(lat)//2]*1000:.1f} ms, p95 {lat[int(len(lat)*.95)]*1000:.1f} ms")
