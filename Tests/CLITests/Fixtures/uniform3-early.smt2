; Uniform consensus with early decision: 3 processes, at most 1 crash, 2 rounds. Every process
; that decides (a crashed one included) agrees; correct processes decide; deciders decide an input.
(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 2)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 3)
(set-info :messages 2)
(set-info :early-decision true)

(define-fun uniform-agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (decided i) (decided j)) (= (decision i) (decision j)))))
(define-fun termination () Bool
  (forall ((i Proc)) (=> (correct i) (decided i))))
(define-fun validity () Bool
  (forall ((i Proc)) (=> (decided i) (exists ((j Proc)) (= (input j) (decision i))))))

(assert uniform-agreement)
(assert termination)
(assert validity)
