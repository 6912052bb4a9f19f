//! A lean HTTP/1.1 client for load generation. The generator shares the machine with the
//! server it measures, so a request should cost it no more than the protocol does: one write
//! and (mostly) one read on a kept-alive connection — no URL parsing, header maps or hop to a
//! connection task, which made a general-purpose client's share of the machine the size of the
//! server's own.

use std::io::{Error, ErrorKind, Result, Write};
use std::net::SocketAddr;
use std::sync::Mutex;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

/// At most `connections` kept-alive connections to one server, opened as needed.
pub struct Pool {
    addr: SocketAddr,
    idle: Mutex<Vec<Conn>>,
    slots: Semaphore,
}

/// An answer: its status code and body.
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

fn malformed(what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidData,
        format!("malformed response: {what}"),
    )
}

impl Pool {
    pub fn new(addr: SocketAddr, connections: usize) -> Pool {
        Pool {
            addr,
            idle: Mutex::new(Vec::with_capacity(connections)),
            slots: Semaphore::new(connections),
        }
    }

    /// POSTs the JSON `body` to `path` with the extra `headers` (each line ending in CRLF);
    /// waits for a free connection first. A connection that failed is dropped.
    pub async fn post_json(&self, path: &str, headers: &str, body: &[u8]) -> Result<Answer> {
        let _slot = self.slots.acquire().await.map_err(Error::other)?;
        let idle = self
            .idle
            .lock()
            .map_err(|_| Error::other("pool poisoned"))?
            .pop();
        let mut conn = match idle {
            Some(conn) => conn,
            None => Conn::open(self.addr).await?,
        };
        let answer = conn.exchange(path, headers, body).await?;
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(conn);
        }
        Ok(answer)
    }
}

impl Conn {
    async fn open(addr: SocketAddr) -> Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            stream,
            buf: Vec::with_capacity(4096),
        })
    }

    async fn exchange(&mut self, path: &str, headers: &str, body: &[u8]) -> Result<Answer> {
        self.buf.clear();
        write!(
            self.buf,
            "POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\n\r\n",
            body.len()
        )?;
        self.buf.extend_from_slice(body);
        self.stream.write_all(&self.buf).await?;
        self.buf.clear();
        loop {
            if let Some(end) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let (status, length) = head(&self.buf[..end])?;
                let total = end + 4 + length;
                while self.buf.len() < total {
                    self.read().await?;
                }
                return Ok(Answer {
                    status,
                    body: self.buf[end + 4..total].to_vec(),
                });
            }
            self.read().await?;
        }
    }

    async fn read(&mut self) -> Result<()> {
        self.buf.reserve(4096);
        match self.stream.read_buf(&mut self.buf).await? {
            0 => Err(Error::from(ErrorKind::UnexpectedEof)),
            _ => Ok(()),
        }
    }
}

/// The status code and `Content-Length` of a response head.
fn head(bytes: &[u8]) -> Result<(u16, usize)> {
    let text = std::str::from_utf8(bytes).map_err(|_| malformed("not UTF-8"))?;
    let mut lines = text.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| malformed("status line"))?;
    let length = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .ok_or_else(|| malformed("no Content-Length"))?;
    Ok((status, length))
}
